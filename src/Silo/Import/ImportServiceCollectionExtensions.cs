using Microsoft.Extensions.DependencyInjection.Extensions;
using PacificEdge.Silo.Import.Writing;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.Silo.Import;

/// <summary>Registers the <c>import</c> command: its options (validated at start-up) and what it writes through.</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddOldShopImport(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName)
            .Validate(o => o.SetPasswordLinkLifetime > TimeSpan.Zero && o.SetPasswordLinkLifetime <= TimeSpan.FromDays(90), "Import:SetPasswordLinkLifetime must be between 0 and 90 days.")
            .Validate(o => o.Parallelism is >= 1 and <= 64, "Import:Parallelism must be 1-64.")
            .Validate(o => o.DefaultCurrency is { Length: 3 } c && c.All(char.IsAsciiLetterUpper), "Import:DefaultCurrency must be a three-letter code in upper case.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The accounts the import creates are the front end's; only the classes it needs, not the whole front end.
        services.AddAccounts();
        services.TryAddSingleton<ImportedDataStore>();
        services.TryAddSingleton<ImportWriter>();
        services.TryAddSingleton<ImportCommand>();
        return services;
    }
}
