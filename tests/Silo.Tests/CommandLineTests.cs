using PacificEdge.Silo.Hosting;

namespace PacificEdge.Silo.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "migrate" }, null, ProcessMode.Migrate, 0)]
    [InlineData(new[] { "silo", "--urls", "http://127.0.0.1:1" }, null, ProcessMode.Silo, 2)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, "silo", ProcessMode.Silo, 2)]
    [InlineData(new string[0], null, ProcessMode.Cohosted, 0)]
    [InlineData(new[] { "COHOSTED" }, "silo", ProcessMode.Cohosted, 0)]
    public void The_mode_comes_from_the_first_argument_or_the_environment(string[] args, string? variable, ProcessMode expected, int remaining)
    {
        var (mode, rest) = CommandLine.Parse(args, variable);

        Assert.Equal(expected, mode);
        Assert.Equal(remaining, rest.Length);
    }

    [Fact]
    public void Import_takes_the_folder_and_dry_run_as_settings_and_leaves_the_rest()
    {
        var (mode, rest) = CommandLine.Parse(["import", "/data/old shop", "--dry-run", "--urls", "http://127.0.0.1:1"], null);

        Assert.Equal(ProcessMode.Import, mode);
        Assert.Equal(["--Import:Folder=/data/old shop", "--Import:DryRun=true", "--urls", "http://127.0.0.1:1"], rest);
    }

    [Fact]
    public void An_unknown_mode_is_rejected_naming_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["serve"], null));

        Assert.Contains("'serve'", error.Message);
        Assert.Contains("cohosted, silo, migrate", error.Message);
    }

    [Fact]
    public void Seed_demo_becomes_the_configuration_switch_wherever_it_stands()
    {
        var (mode, rest) = CommandLine.Parse(["cohosted", "--seed-demo", "--urls", "http://127.0.0.1:1"], null);

        Assert.Equal(ProcessMode.Cohosted, mode);
        Assert.Equal(["--Commerce:Demo:Seed=true", "--urls", "http://127.0.0.1:1"], rest);
    }
}
