using Npgsql;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// The admin customer list: accounts (the <c>users</c> table the sign-in code owns; read here, never written)
/// with their order counts from the order projection. The only admin query over the accounts table, so a change
/// of that table is adapted in this one class.
/// </summary>
public sealed class CustomerDirectory(NpgsqlDataSource dataSource)
{
    private const string Select =
        "SELECT u.user_id, u.email, u.role, u.created_at, " +
        " (SELECT count(*) FROM order_summaries o WHERE o.customer_id = u.user_id), " +
        " (SELECT max(o.created_at) FROM order_summaries o WHERE o.customer_id = u.user_id) " +
        "FROM users u ";

    /// <summary>Accounts whose email or id contains <paramref name="search"/> (any case), newest first.</summary>
    public async Task<Page<CustomerRow>> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        const string where = "WHERE ($1::text IS NULL OR strpos(lower(u.email), lower($1)) > 0 OR strpos(u.user_id, $1) > 0) ";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM users u " + where, connection))
        {
            count.Parameters.Add(SearchParameter(search));
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var command = new NpgsqlCommand(Select + where + "ORDER BY u.created_at DESC, u.user_id LIMIT $2 OFFSET $3", connection);
        command.Parameters.Add(SearchParameter(search));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * pageSize });
        return new Page<CustomerRow>(await ReadAsync(command, cancellationToken), page, pageSize, total);
    }

    public async Task<CustomerRow?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select + "WHERE u.user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static NpgsqlParameter SearchParameter(string? search)
        => new() { Value = string.IsNullOrWhiteSpace(search) ? DBNull.Value : search.Trim(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static async Task<IReadOnlyList<CustomerRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<CustomerRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CustomerRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }
}

/// <summary>One account in the admin customer list.</summary>
public sealed record CustomerRow(string CustomerId, string Email, string Role, DateTimeOffset CreatedAt, long Orders, DateTimeOffset? LastOrderAt);
