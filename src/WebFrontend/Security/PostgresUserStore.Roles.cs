using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Roles: an account has exactly one of <see cref="Roles"/> (column <c>users.role</c>), so adding a role replaces the
/// current one and removing it leaves the account a customer. Identity passes role names upper-cased.
/// </summary>
public sealed partial class PostgresUserStore : IUserRoleStore<UserAccount>
{
    public Task AddToRoleAsync(UserAccount user, string roleName, CancellationToken cancellationToken)
    {
        user.Role = Roles.FromNormalized(roleName) ?? throw new InvalidOperationException($"Unknown role '{roleName}'.");
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(UserAccount user, string roleName, CancellationToken cancellationToken)
    {
        if (string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase))
        {
            user.Role = Roles.Customer;
        }

        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<IList<string>>([user.Role]);

    public Task<bool> IsInRoleAsync(UserAccount user, string roleName, CancellationToken cancellationToken)
        => Task.FromResult(string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<UserAccount>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE role = $1 ORDER BY email");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Roles.FromNormalized(roleName) ?? roleName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserAccount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }
}
