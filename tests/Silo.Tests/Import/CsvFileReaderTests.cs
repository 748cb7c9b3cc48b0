using System.Text;
using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Tests.Import;

public sealed class CsvFileReaderTests
{
    [Fact]
    public async Task A_BOM_quoted_newlines_and_blank_lines_keep_the_physical_line_numbers()
    {
        var text = "\uFEFF Email ,First Name,Address 1\r\n" +
                   "a@example.test,Ann,\"1 Road, Flat 2\"\r\n" +
                   "\r\n" +
                   "b@example.test,Bob,\"PO Box 1\nSecond line\"\r\n" +
                   ",,\r\n" +
                   "c@example.test,Cy,3 Lane\r\n";
        await using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(text));

        var file = await CsvFileReader.ReadAsync(stream, OldShopFiles.Customers, CancellationToken.None);

        Assert.Null(file.Error);
        Assert.Equal([2, 4, 7], file.Rows.Select(r => r.Line));
        Assert.Equal("1 Road, Flat 2", file.Rows[0].Get("address_1"));
        Assert.Equal("PO Box 1\nSecond line", file.Rows[1].Get("address_1"));
        Assert.Equal("c@example.test", file.Rows[2].Get("email"));
    }

    [Fact]
    public async Task A_missing_required_column_is_a_file_error()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes("email,points_total\na@example.test,5\n"));

        var file = await CsvFileReader.ReadAsync(stream, OldShopFiles.Loyalty, CancellationToken.None);

        Assert.Contains("points", file.Error, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public async Task A_record_with_broken_quoting_is_skipped_and_reported_with_its_line_and_the_next_ones_are_read()
    {
        var text = "email,first_name\n" +
                   "a@example.test,Ann\n" +
                   "b@example.test,Bo\"b\n" +
                   "c@example.test,Cy\n";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var file = await CsvFileReader.ReadAsync(stream, OldShopFiles.Customers, CancellationToken.None);

        Assert.Equal([2, 4], file.Rows.Select(r => r.Line));
        var malformed = Assert.Single(file.Malformed!);
        Assert.Equal(3, malformed.Line);
        Assert.Contains("quote", malformed.Reason, StringComparison.Ordinal);
    }
}
