using System.Diagnostics;
using System.Net;
using System.Threading.Channels;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;
using Backscatter.Ingest.Smtp;

using MassTransit;

using Npgsql;

using NpgsqlTypes;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Makes received messages durable with group commit: sessions hand their messages in, a few
/// writers each insert whatever has gathered for them in one statement (one round trip, one
/// commit), and every session waiting on that batch hears back at once. Under load, batches grow
/// and the database sees a few large commits instead of thousands of small ones; several writers
/// keep a commit in flight while the next batch gathers, which is what a handful of sessions needs.
/// After the commit the reports are announced on the bus; if the broker is down, the sweeper
/// announces them later.
/// </summary>
/// <remarks>
/// The same message (same SHA-256) reaching the same tenant again within the duplicate window is
/// stored once and counted: senders retry, and forwarding loops repeat. Copies of one message
/// always go to the same writer, so that two writers never store the same message side by side.
/// </remarks>
public sealed partial class PostgresReportInbox(
    NpgsqlDataSource database,
    UnclassifiedMessages unclassified,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    InboxMetrics metrics,
    ILogger<PostgresReportInbox> logger) : BackgroundService, IReportInbox
{
    private readonly TimeSpan _duplicateWindow = configuration.GetValue("Ingest:DuplicateWindow", TimeSpan.FromHours(1));

    private const int MaxBatch = 512;
    private const int MaxAnnouncement = 4 * MaxBatch;
    // Per message, the broker and MassTransit (deserializing, the consume pipeline) cost as much as
    // classifying a few reports: a tenth of a second of latency buys messages of tens of reports.
    private static readonly TimeSpan AnnounceGathering = TimeSpan.FromMilliseconds(100);
    // Long enough for a broker that is only slow (a loaded machine: 5 s left hundreds of reports to
    // the sweeper, minutes later); a broker that is down still leaves them to the sweeper.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);

    // One writer: more writers made smaller batches, so more commits per message (four gave about one
    // message a commit at 10 sessions); one beat two in 4 of 5 measured pairs at 10 and 50 sessions
    // (docs/benchmarks.md, "SMTP ingest", quiet machine 2026-11-27 08:00-08:10).
    private readonly Channel<Pending>[] _writers = [.. Enumerable
        .Range(0, Math.Clamp(configuration.GetValue("Ingest:StoreWriters", 1), 1, 64))
        .Select(_ => Channel.CreateBounded<Pending>(new BoundedChannelOptions(8 * MaxBatch)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        }))];

    private int _nextWriter;

    public async Task<IReadOnlyList<Guid>> StoreAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var compressed = RawMessage.Compress(message.Raw.Span);
        var sha256 = RawMessage.Sha256(message.Raw.Span);
        var helo = Truncate(message.Helo, Report.MaxHeloLength);
        var mailFrom = Truncate(message.MailFrom, Report.MaxAddressLength);
        // One report per tenant: each tenant sees its own copy, with only its own addresses.
        Report[] reports = message.Recipients.Count == 1
            ? [NewReport(message.Recipients[0].TenantId, [message.Recipients[0].Address])]
            : message.Recipients
                .GroupBy(r => r.TenantId)
                .Select(g => NewReport(g.Key, [.. g.Select(r => r.Address).Distinct(StringComparer.Ordinal)]))
                .ToArray();

        Report NewReport(Guid tenant, string[] recipients) => new()
        {
            TenantId = tenant,
            ClientIp = message.ClientIp,
            Helo = helo,
            MailFrom = mailFrom,
            RcptTo = recipients,
            ReceivedAt = message.ReceivedAt,
            Size = message.Raw.Length,
            Sha256 = sha256,
            RawMessageCompressed = compressed,
        };

        // A copy: the session reuses its buffer after the reply; classification reads this one.
        var pending = new Pending(reports, message.Raw.ToArray(), new TaskCompletionSource<IReadOnlyList<Guid>>(TaskCreationOptions.RunContinuationsAsynchronously));
        // Copies of one message go to one writer (see remarks); without duplicate detection, any writer will do.
        var writer = _duplicateWindow > TimeSpan.Zero
            ? (int)(BitConverter.ToUInt32(sha256) % (uint)_writers.Length)
            : (int)((uint)Interlocked.Increment(ref _nextWriter) % (uint)_writers.Length);
        await _writers[writer].Writer.WriteAsync(pending, cancellationToken);
        // Not WaitAsync: its promise completes on a thread-pool thread, one more hop before the
        // session (on its loop) hears back. The writer completes the source; shutdown cancels it.
        await using var stopping = cancellationToken.UnsafeRegister(
            static s => ((TaskCompletionSource<IReadOnlyList<Guid>>)s!).TrySetCanceled(), pending.Stored);
        return await pending.Stored.Task;
    }

    // Announcing never holds up storing: a broker outage must not slow down the 250s.
    private readonly Channel<ReportReceived[]> _announcements = Channel.CreateBounded<ReportReceived[]>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll([.. _writers.Select(w => StoreBatchesAsync(w.Reader, stoppingToken)), AnnounceBatchesAsync(stoppingToken)]);

    private async Task StoreBatchesAsync(ChannelReader<Pending> queue, CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && queue.TryRead(out var next))
            {
                batch.Add(next);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var storedAs = await WriteAsync(batch, stoppingToken);
                var duration = Stopwatch.GetElapsedTime(started);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetResult([.. pending.Reports.Select(r => storedAs[r.Id])]);
                }

                // Stored under their own id, not counted as a copy of an earlier one.
                var kept = batch.SelectMany(p => p.Reports.Where(r => storedAs[r.Id] == r.Id).Select(r => (Report: r, p.Raw))).ToArray();
                metrics.Committed(duration, batch.Count, duplicates: storedAs.Count - kept.Length);
                unclassified.Add(kept.Select(k => (k.Report.Id, k.Raw)));
                ReportReceived[] stored = [.. kept.Select(k => new ReportReceived(k.Report.Id, k.Report.TenantId, k.Report.ReceivedAt))];
                if (stored.Length > 0 && !_announcements.Writer.TryWrite(stored))
                {
                    LogAnnouncementDeferred(stored.Length);
                }
            }
#pragma warning disable CA1031 // Every waiting session learns of the failure and answers 451.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                metrics.Failed(started, ex);
                LogBatchFailed(ex, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    /// <returns>For every report of the batch, the id it is stored under: its own, or the earlier copy's for a duplicate.</returns>
    /// <remarks>
    /// One round trip and one commit either way. With duplicate detection, two statements go together:
    /// the first inserts each message that has no copy stored within the window (the first of several
    /// copies in the batch), the second, which sees those rows, names for every report the copy it is
    /// stored under and counts the repeats on it. The database decides, so nothing is read back first.
    /// </remarks>
    private async Task<Dictionary<Guid, Guid>> WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var reports = batch.SelectMany(p => p.Reports).ToList();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var write = new NpgsqlBatch(connection);
        if (_duplicateWindow <= TimeSpan.Zero)
        {
            write.BatchCommands.Add(Insert(reports, since: null));
            await write.ExecuteNonQueryAsync(cancellationToken);
            return reports.ToDictionary(r => r.Id, r => r.Id);
        }

        var since = clock.GetUtcNow() - _duplicateWindow;
        write.BatchCommands.Add(Insert(reports, since));
        write.BatchCommands.Add(CountRepeats(reports, since));
        var storedAs = new Dictionary<Guid, Guid>(reports.Count);
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    storedAs[reader.GetGuid(0)] = reader.GetGuid(1);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        if (storedAs.Count != reports.Count)
        {
            // Every report is either stored or a copy of one that is: anything else must not get a 250.
            throw new InvalidOperationException($"Stored {reports.Count} reports but the database named {storedAs.Count}.");
        }

        return storedAs;
    }

    /// <summary>
    /// All rows in one statement: arrays in, unnest, insert. Addresses hold no control characters,
    /// so a line feed joins RCPT TO. Positional parameters: Npgsql then sends the text as it is,
    /// without parsing it for every batch. With <paramref name="since"/>, only the first copy of each
    /// message (per tenant) and only when no copy was stored after <paramref name="since"/>.
    /// </summary>
    private static NpgsqlBatchCommand Insert(List<Report> reports, DateTimeOffset? since)
    {
        var insert = new NpgsqlBatchCommand(since is null
            ? """
              INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count)
              SELECT r.id, r.tenant_id, r.client_ip, r.helo, r.mail_from, string_to_array(r.rcpt_to, E'\n'), r.received_at, r.size, r.sha256, r.raw_message, $1, 0
              FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                AS r(id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message)
              """
            : """
              INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count)
              SELECT DISTINCT ON (r.tenant_id, r.sha256)
                r.id, r.tenant_id, r.client_ip, r.helo, r.mail_from, string_to_array(r.rcpt_to, E'\n'), r.received_at, r.size, r.sha256, r.raw_message, $1, 0
              FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11) WITH ORDINALITY
                AS r(id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, arrival)
              WHERE NOT EXISTS (
                SELECT 1 FROM reports e WHERE e.tenant_id = r.tenant_id AND e.sha256 = r.sha256 AND e.received_at > $12)
              ORDER BY r.tenant_id, r.sha256, r.arrival
              """);
        var count = reports.Count;
        var ids = new Guid[count];
        var tenants = new Guid[count];
        var ips = new IPAddress[count];
        var helos = new string[count];
        var froms = new string[count];
        var rcpts = new string[count];
        var times = new DateTimeOffset[count];
        var sizes = new long[count];
        var hashes = new byte[count][];
        var raws = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var report = reports[i];
            ids[i] = report.Id;
            tenants[i] = report.TenantId;
            ips[i] = report.ClientIp;
            helos[i] = report.Helo;
            froms[i] = report.MailFrom;
            rcpts[i] = report.RcptTo.Length == 1 ? report.RcptTo[0] : string.Join('\n', report.RcptTo);
            times[i] = report.ReceivedAt;
            sizes[i] = report.Size;
            hashes[i] = report.Sha256;
            raws[i] = report.RawMessageCompressed!;
        }

        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = nameof(ReportStatus.Received) });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = ids });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = tenants });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Inet, Value = ips });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar, Value = helos });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar, Value = froms });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rcpts });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = times });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = sizes });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = hashes });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = raws });
        if (since is not null)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = since.Value });
        }

        return insert;
    }

    /// <summary>
    /// After <see cref="Insert"/> in the same transaction: for every report, the first copy stored
    /// after <paramref name="since"/> (its own row, or an earlier one), and the repeats counted on it.
    /// </summary>
    private static NpgsqlBatchCommand CountRepeats(List<Report> reports, DateTimeOffset since)
    {
        var count = new NpgsqlBatchCommand(
            """
            WITH incoming AS (
              SELECT * FROM unnest($1, $2, $3) AS c(id, tenant_id, sha256)
            ), firsts AS (
              SELECT DISTINCT ON (r.tenant_id, r.sha256) r.tenant_id, r.sha256, r.id
              FROM reports r JOIN (SELECT DISTINCT tenant_id, sha256 FROM incoming) k
                ON r.tenant_id = k.tenant_id AND r.sha256 = k.sha256
              WHERE r.received_at > $4
              ORDER BY r.tenant_id, r.sha256, r.received_at, r.id
            ), mapped AS (
              SELECT i.id, f.id AS stored_as
              FROM incoming i JOIN firsts f ON f.tenant_id = i.tenant_id AND f.sha256 = i.sha256
            ), counted AS (
              UPDATE reports SET duplicate_count = reports.duplicate_count + d.n
              FROM (SELECT stored_as, count(*)::int AS n FROM mapped WHERE id <> stored_as GROUP BY stored_as) d
              WHERE reports.id = d.stored_as
            )
            SELECT id, stored_as FROM mapped
            """);
        count.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = reports.Select(r => r.Id).ToArray() });
        count.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = reports.Select(r => r.TenantId).ToArray() });
        count.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = reports.Select(r => r.Sha256).ToArray() });
        count.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = since });
        return count;
    }

    private async Task AnnounceBatchesAsync(CancellationToken stoppingToken)
    {
        var pending = new List<ReportReceived>();
        while (await _announcements.Reader.WaitToReadAsync(stoppingToken))
        {
            // Whatever several commits stored goes out together, a few hundred reports to a message:
            // the broker's and the consumer's work is per message, and with a handful of sessions a
            // commit holds only a few reports, so a moment's wait (AnnounceGathering) lets more commits join.
            pending.Clear();
            Gather(pending);
            if (pending.Count < ReportsReceived.MaxReports)
            {
                await Task.Delay(AnnounceGathering, clock, stoppingToken);
                Gather(pending);
            }

            ReportsReceived[] messages = [.. ReportsReceived.For(pending)];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PublishTimeout);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().PublishBatch(messages, timeout.Token);
            }
#pragma warning disable CA1031 // The reports are durable; the sweeper announces what could not be announced now.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogAnnounceFailed(ex, pending.Count);
            }
        }
    }

    private void Gather(List<ReportReceived> pending)
    {
        while (pending.Count < MaxAnnouncement && _announcements.Reader.TryRead(out var stored))
        {
            pending.AddRange(stored);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(LogLevel.Error, "Could not store a batch of {Count} messages; their senders get 451 and retry")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "Stored {Count} reports but could not announce them on the bus; the sweeper will")]
    private partial void LogAnnounceFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "Stored {Count} reports while the bus lags behind; the sweeper will announce them")]
    private partial void LogAnnouncementDeferred(int count);

    private sealed record Pending(Report[] Reports, byte[] Raw, TaskCompletionSource<IReadOnlyList<Guid>> Stored);
}
