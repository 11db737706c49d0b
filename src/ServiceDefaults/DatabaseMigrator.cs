using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Applies pending migrations at start, retrying while PostgreSQL is unreachable, so that a host
/// started before its database still comes up and reports itself not ready instead of crashing.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
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
        while (!stoppingToken.IsCancellationRequested)
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
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackscatterDbContext>();
            // MigrateAsync takes EF Core's migration lock and creates the history table when
            // missing, so several hosts starting at once neither race nor log spurious errors.
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

    [LoggerMessage(LogLevel.Warning, "Could not migrate the database; retrying in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
