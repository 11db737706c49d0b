using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database on the local server for one test class, dropped afterwards.
/// Migrations are not applied: tests that want the schema call <see cref="MigrateAsync"/>, hosts apply them at start.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private readonly string _name = $"bs_test_{Guid.NewGuid():N}";

    /// <summary>The schema owner's connection string (creates, migrates, seeds and checks).</summary>
    public string ConnectionString { get; }

    public TestDatabase()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(LocalServices.ConnectionString)
        {
            Database = _name,
            Pooling = true,
        }.ConnectionString;
    }

    public virtual async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(LocalServices.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>This database as a host's own login: what the host's code may do here.</summary>
    public string ConnectionStringFor(HostLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        return login.ConnectionString(ConnectionString);
    }

    public BackscatterDbContext CreateContext() => CreateContext(ConnectionString);

    /// <summary>A context as a host's own login.</summary>
    public BackscatterDbContext CreateContext(HostLogin login) => CreateContext(ConnectionStringFor(login));

    private static BackscatterDbContext CreateContext(string connectionString) =>
        new((DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>()
            .UseBackscatterDatabase(connectionString).Options);

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(LocalServices.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);

        // FORCE waits only 5 s for the terminated sessions to go; on a loaded machine they may take longer.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // A backend of another role (an autovacuum worker on the database) cannot be ended by this
            // user: FORCE then refuses (42501) until it has finished, which takes a moment.
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.InsufficientPrivilege
                && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
