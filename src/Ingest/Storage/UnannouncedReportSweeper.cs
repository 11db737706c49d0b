using System.Data;

using Backscatter.Domain.Contracts;
using Backscatter.Ingest.Classification;

using MassTransit;

using Npgsql;

using NpgsqlTypes;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Announces again the reports that have waited too long for classification — stored while the
/// broker was down, or left behind when announcements could not keep up. Classification is
/// idempotent by report id, so announcing one twice costs a little work and loses nothing.
/// </summary>
/// <remarks>
/// <para>
/// A broker outage during an attack leaves every report accepted meanwhile to the sweeper: a
/// ten-minute outage at 2,000 bounces a second is over a million. So a pass announces the whole
/// backlog, a page at a time, not one page a minute (1.2 million reports: 20 hours).
/// </para>
/// <para>
/// A report announced is not announced again while classification makes progress on what was
/// announced: the sweeper remembers how far it has announced (received time and id) and goes on
/// from there. A broker can confirm an announcement and still lose it (a queue not yet declared again
/// after a broker restart, a purged queue), and nothing but the report's status tells. So when none of
/// the reports behind that mark has been classified since the last pass, the sweeper announces them
/// all again, first after <c>Ingest:SweepAfter</c>, then after twice as long each time it finds no
/// progress, up to <c>Ingest:SweepRescan</c> (30 minutes): classifiers that are down for hours do not
/// get the whole backlog again every minute.
/// </para>
/// <para>
/// With several Ingest replicas only one sweeps: the one holding a PostgreSQL advisory lock on a
/// connection of its own, for as long as it lives. Another takes over when that connection ends, and
/// starts from the beginning.
/// </para>
/// </remarks>
public sealed partial class UnannouncedReportSweeper(
    NpgsqlDataSource database,
    IServiceScopeFactory scopes,
    IBusControl bus,
    TimeProvider clock,
    IConfiguration configuration,
    ClassificationMetrics metrics,
    ILogger<UnannouncedReportSweeper> logger) : BackgroundService
{
    public const int PageSize = 1000;

    // Any number all replicas share ("BSSWEEP1"): the advisory lock whose holder sweeps.
    private const long SweeperLock = 0x4253_5357_4545_5031;

    private const string FirstPage =
        "SELECT id, tenant_id, received_at FROM reports WHERE status = 'Received' AND received_at < $1 ORDER BY received_at, id LIMIT $2";

    private const string WaitingBehind =
        "SELECT count(*) FROM reports WHERE status = 'Received' AND received_at <= $1";

    private const string NextPage =
        "SELECT id, tenant_id, received_at FROM reports WHERE status = 'Received' AND received_at < $1 AND (received_at, id) > ($3, $4) ORDER BY received_at, id LIMIT $2";

    // Ingest:SweepRescan: the longest wait before a backlog that does not move is announced again.
    private readonly TimeSpan _longestBackoff = configuration.GetValue("Ingest:SweepRescan", TimeSpan.FromMinutes(30));
    private readonly SemaphoreSlim _passes = new(1, 1);
    private NpgsqlConnection? _leadership;
    private ReportReceived? _announcedUpTo;
    private DateTimeOffset _scanStarted;
    private long? _waitingBehind;
    private TimeSpan _stallBackoff;
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the pass at start is over (or the host stops first): later passes come by the interval.</summary>
    public Task FirstPass => _firstPass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Ingest:SweepInterval", TimeSpan.FromMinutes(1));
        var olderThan = configuration.GetValue("Ingest:SweepAfter", TimeSpan.FromMinutes(2));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            // The first pass as soon as the bus is up (at the latest at the first tick): a replica
            // restarted after a crash or with the broker's return announces what was left now, not an
            // interval later. Not before: the broker confirms announcements it cannot yet route.
            using (var firstTick = new CancellationTokenSource(interval, clock))
            using (var firstPass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, firstTick.Token))
            {
                await ((Task)bus.WaitForHealthStatus(BusHealthStatus.Healthy, firstPass.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                stoppingToken.ThrowIfCancellationRequested();
            }

            do
            {
                try
                {
                    var swept = await SweepAsync(olderThan, stoppingToken);
                    if (swept > 0)
                    {
                        LogSwept(swept);
                    }
                }
#pragma warning disable CA1031 // The next pass tries again; the reports are safe in the database.
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    LogFailed(ex);
                }

                _firstPass.TrySetResult();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            _firstPass.TrySetResult();
            await StepDownAsync();
        }
    }

    /// <returns>How many reports this pass announced (0 when another replica sweeps).</returns>
    public async Task<int> SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await _passes.WaitAsync(cancellationToken);
        try
        {
            if (!await LeadAsync(cancellationToken))
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            if (_announcedUpTo is null || await AnnouncementsLostAsync(now, olderThan, cancellationToken))
            {
                _announcedUpTo = null;
                _waitingBehind = null;
                _scanStarted = now;
            }

            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            var announced = 0;
            while (true)
            {
                var page = await WaitingAsync(now - olderThan, _announcedUpTo, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                await bus.PublishBatch(ReportsReceived.For(page), cancellationToken);
                // Only what the broker has taken: a failed publish leaves the page to the next pass.
                _announcedUpTo = page[^1];
                announced += page.Count;
                metrics.Reannounced(page.Count);
                if (page.Count < PageSize)
                {
                    break;
                }
            }

            return announced;
        }
        finally
        {
            _passes.Release();
        }
    }

    /// <summary>True when nothing announced has been classified since the last pass for long enough.</summary>
    private async Task<bool> AnnouncementsLostAsync(DateTimeOffset now, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var count = database.CreateCommand(WaitingBehind);
        count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _announcedUpTo!.ReceivedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var behind = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var previous = _waitingBehind;
        _waitingBehind = behind;
        if (behind == 0 || (previous is { } before && behind < before))
        {
            _stallBackoff = olderThan;
            return false;
        }

        if (previous is null || now - _scanStarted < Max(_stallBackoff, olderThan))
        {
            return false;
        }

        _stallBackoff = Min(2 * Max(_stallBackoff, olderThan), _longestBackoff);
        return true;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public override void Dispose()
    {
        // Normally stepped down when the loop stopped; a sweeper disposed without running must not
        // leave the lock on a connection that goes back to the pool.
        StepDownAsync().GetAwaiter().GetResult();
        _passes.Dispose();
        base.Dispose();
    }

    private async Task<List<ReportReceived>> WaitingAsync(DateTimeOffset before, ReportReceived? after, CancellationToken cancellationToken)
    {
        await using var query = database.CreateCommand(after is null ? FirstPage : NextPage);
        query.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
        if (after is not null)
        {
            query.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after.ReceivedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            query.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after.ReportId });
        }

        var page = new List<ReportReceived>(PageSize);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new ReportReceived(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return page;
    }

    /// <returns>True while this replica holds the sweeper's lock (taken now or earlier).</returns>
    private async Task<bool> LeadAsync(CancellationToken cancellationToken)
    {
        if (_leadership is not null)
        {
            try
            {
                await using var alive = new NpgsqlCommand("SELECT 1", _leadership);
                await alive.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection ended, and the lock with it: maybe another replica sweeps now.
                LogLeadershipLost(ex);
                await _leadership.DisposeAsync();
                _leadership = null;
                _announcedUpTo = null;
            }
        }

        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = SweeperLock } } };
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                _leadership = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    private async Task StepDownAsync()
    {
        if (_leadership is not { State: ConnectionState.Open } connection)
        {
            return;
        }

        _leadership = null;
        try
        {
            // The pool keeps the connection's session (no reset on close): release the lock by hand.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await release.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A broken connection has released it already.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "Announced {Count} reports again that were waiting for classification")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "Could not sweep unclassified reports; trying again at the next pass")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Lost the sweeper's lock with its connection; another replica may sweep now")]
    private partial void LogLeadershipLost(Exception exception);
}
