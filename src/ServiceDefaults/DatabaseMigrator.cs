using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Npgsql;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Applies pending migrations at start, retrying while PostgreSQL is unreachable, so that a host
/// started before its database still comes up and reports itself not ready instead of crashing.
/// It connects as the schema owner (<c>ConnectionStrings:BackscatterMigrations</c>) when one is given,
/// else with the host's own connection string; a login that may not migrate is said so, not retried.
/// </summary>
internal sealed partial class DatabaseMigrator(string connectionString, ILoggerFactory loggers, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    // No pool: the owner's connection is not kept open in a host once the schema is current.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private bool _refused;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    // Any fixed number of our own; the sweeper's lock (Ingest) is another.
    private const long MigrationLockKey = 0x4261_636B_4D69_6772; // "BackMigr"
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsMigrated => _migrated.Task.IsCompletedSuccessfully;

    public string? LastError { get; private set; }

    /// <summary>Completes when the schema is current; hosted services that need the tables await it.</summary>
    public Task Migrated => _migrated.Task;

    /// <summary>
    /// The first attempt runs before the hosted services registered after this one start (the
    /// Data Protection key ring, listing snapshots, the address book), so that on a fresh database
    /// they find their tables; only when it fails does the host start and keep retrying.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryMigrateAsync(cancellationToken))
        {
            await base.StartAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_refused && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stoppingToken.IsCancellationRequested && await TryMigrateAsync(stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            // EF Core's own migration lock (a table lock) ends with a transaction, and some of our
            // migrations run outside one (roles, concurrent indexes): hosts starting at once then applied
            // the same migration twice and one failed with "relation already exists". A session lock
            // on a connection of its own lasts the whole run; the next host waits, then finds nothing to do.
            await using var lockHolder = new NpgsqlConnection(_connectionString);
            await lockHolder.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", lockHolder) { Parameters = { new() { Value = MigrationLockKey } } })
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var db = new BackscatterDbContext((DbContextOptions<BackscatterDbContext>)
                new DbContextOptionsBuilder<BackscatterDbContext>().UseBackscatterDatabase(_connectionString).UseLoggerFactory(loggers)
                    // The operations that run outside a transaction create roles if they are missing: run
                    // again after a crash, they do nothing twice (Creating_the_host_role_from_databases_migrating_at_once).
                    .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
                    .Options);
            // Npgsql's provider finds out whether the history table exists by reading it, and a fresh
            // database's first start logged that failed read as an error: create it first (a no-op after).
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);

            LastError = null;
            _migrated.TrySetResult();
            LogCurrent();
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Waiting does not grant a privilege: say which login lacks it and what to configure instead.
            var login = new NpgsqlConnectionStringBuilder(_connectionString).Username;
            LastError = $"the login '{login}' may not change the schema ({ex.MessageText}); migrations need the schema owner: "
                + $"set ConnectionStrings:{DatabaseOptions.MigrationsConnectionStringName}";
            _refused = true;
            LogRefused(ex, login);
            return false;
        }
#pragma warning disable CA1031 // Any failure here is retried: the host must stay up and report itself not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LastError = ex.Message;
            LogFailed(ex, RetryDelay.TotalSeconds);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Database schema is current")]
    private partial void LogCurrent();

    [LoggerMessage(LogLevel.Error, "The login {Login} may not change the schema, so the migrations were not applied and this host stays not ready; "
        + "give migrations the schema owner's connection string in ConnectionStrings:" + DatabaseOptions.MigrationsConnectionStringName)]
    private partial void LogRefused(Exception exception, string? login);

    [LoggerMessage(LogLevel.Warning, "Could not migrate the database; retrying in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
