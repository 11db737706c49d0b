using Backscatter.Domain.Persistence;
using Backscatter.Domain.Persistence.Migrations;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore.Migrations.Operations;

using Npgsql;

namespace Backscatter.Domain.Tests.Persistence;

/// <summary>
/// Roles belong to the cluster, and test databases migrate in parallel: the HostAccessRole and
/// HostGrants migrations must create their roles once and fail none of the databases that race to
/// create them too. Run here under role names of their own, so that the real roles of the cluster are
/// not touched.
/// </summary>
public sealed class Creating_the_host_role_from_databases_migrating_at_once : IAsyncLifetime
{
    private const int Racers = 4;
    private readonly string _role = $"bs_test_role_{Guid.NewGuid():N}"[..28];
    private readonly string _portalRole = $"bs_test_portal_{Guid.NewGuid():N}"[..30];
    private readonly string[] _hostRoles = [.. new[] { "web", "ingest", "feed" }.Select(h => $"bs_test_{h}_{Guid.NewGuid():N}"[..30])];
    private readonly TestDatabase[] _databases = [.. Enumerable.Range(0, Racers + 1).Select(_ => new TestDatabase())];

    public async Task InitializeAsync()
    {
        foreach (var database in _databases)
        {
            await database.InitializeAsync();
            // Migrations run after EF Core has created its history table; the grants need the account tables.
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var history = new NpgsqlCommand(
                """
                CREATE TABLE "__EFMigrationsHistory" (migration_id text PRIMARY KEY);
                CREATE TABLE users (id uuid); CREATE TABLE user_claims (id int); CREATE TABLE user_logins (id int);
                CREATE TABLE user_tokens (id int); CREATE TABLE user_roles (id int); CREATE TABLE roles (id uuid);
                CREATE TABLE role_claims (id int);
                """, connection);
            await history.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(LocalServices.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {_role}, {_portalRole}, {string.Join(", ", _hostRoles)}", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Should_create_it_once_and_fail_none()
    {
        var operations = new HostAccessRole().UpOperations.OfType<SqlOperation>()
            .Select(o => (Sql: o.Sql.Replace(DatabaseOptions.HostRole, _role, StringComparison.Ordinal)
                .Replace(DatabaseOptions.PortalRole, _portalRole, StringComparison.Ordinal), o.SuppressTransaction))
            .ToArray();
        Assert.True(operations[0].SuppressTransaction, "The role is created outside the migration's transaction.");
        await RaceAsync(operations);

        await using var check = new NpgsqlConnection(_databases[^1].ConnectionString);
        await check.OpenAsync();
        await using var roles = new NpgsqlCommand($"SELECT count(*) FROM pg_roles WHERE rolname IN ('{_role}', '{_portalRole}') AND NOT rolcanlogin", check);
        Assert.Equal(2L, await roles.ExecuteScalarAsync());
        await using var history = new NpgsqlCommand($"""SELECT has_table_privilege('{_role}', '"__EFMigrationsHistory"', 'SELECT')""", check);
        Assert.Equal(false, await history.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Should_create_the_hosts_own_roles_once_and_fail_none()
    {
        // The roles and the grant that needs them; the tables' grants need the whole schema.
        var operations = new HostGrants().UpOperations.OfType<SqlOperation>()
            .Where(o => o.SuppressTransaction || o.Sql.StartsWith("GRANT USAGE ON SCHEMA", StringComparison.Ordinal))
            .Select(o => (Sql: o.Sql.Replace(DatabaseOptions.WebRole, _hostRoles[0], StringComparison.Ordinal)
                .Replace(DatabaseOptions.IngestRole, _hostRoles[1], StringComparison.Ordinal)
                .Replace(DatabaseOptions.FeedRole, _hostRoles[2], StringComparison.Ordinal), o.SuppressTransaction))
            .ToArray();
        Assert.Equal(2, operations.Length);
        Assert.True(operations[0].SuppressTransaction, "The roles are created outside the migration's transaction.");
        await RaceAsync(operations);

        await using var check = new NpgsqlConnection(_databases[^1].ConnectionString);
        await check.OpenAsync();
        await using var roles = new NpgsqlCommand(
            "SELECT count(*) FROM pg_roles WHERE rolname = ANY(@roles) AND NOT rolcanlogin AND has_schema_privilege(rolname, 'public', 'USAGE')", check);
        roles.Parameters.AddWithValue("roles", _hostRoles);
        Assert.Equal(3L, await roles.ExecuteScalarAsync());
    }

    // The first database creates the roles and has not committed yet when the others, which cannot
    // see them, try to create them too and wait on its commit.
    private async Task RaceAsync((string Sql, bool SuppressTransaction)[] operations)
    {
        await using var first = new NpgsqlConnection(_databases[0].ConnectionString);
        await first.OpenAsync();
        Task[] others;
        await using (var transaction = await first.BeginTransactionAsync())
        {
            await ExecuteAsync(first, operations[0].Sql);
            others = [.. _databases.Skip(1).Select(d => MigrateAsync(d.ConnectionString, operations))];
            await WaitUntilWaitingOnALockAsync(Racers);
            await transaction.CommitAsync();
        }

        await MigrateAsync(first, operations.Skip(1));
        await Task.WhenAll(others);
    }

    private static async Task MigrateAsync(string connectionString, IEnumerable<(string Sql, bool SuppressTransaction)> operations)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await MigrateAsync(connection, operations);
    }

    // As EF Core's migration executor does: a suppressed operation commits what came before and runs on its own.
    private static async Task MigrateAsync(NpgsqlConnection connection, IEnumerable<(string Sql, bool SuppressTransaction)> operations)
    {
        NpgsqlTransaction? transaction = null;
        foreach (var (sql, suppressTransaction) in operations)
        {
            if (suppressTransaction && transaction is not null)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = null;
            }
            else if (!suppressTransaction && transaction is null)
            {
                transaction = await connection.BeginTransactionAsync();
            }

            await ExecuteAsync(connection, sql);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilWaitingOnALockAsync(int count)
    {
        await using var connection = new NpgsqlConnection(LocalServices.ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = ANY(@names)", connection);
        waiting.Parameters.AddWithValue("names", _databases.Skip(1).Select(d => new NpgsqlConnectionStringBuilder(d.ConnectionString).Database!).ToArray());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((long)(await waiting.ExecuteScalarAsync())! < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The other databases never waited on the first one's role.");
            await Task.Delay(50);
        }
    }
}
