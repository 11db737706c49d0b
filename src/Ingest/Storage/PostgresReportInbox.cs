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
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
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

        var pending = new Pending(reports, new TaskCompletionSource<IReadOnlyList<Guid>>(TaskCreationOptions.RunContinuationsAsynchronously));
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

            try
            {
                var storedAs = await WriteAsync(batch, stoppingToken);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetResult([.. pending.Reports.Select(r => storedAs[r.Id])]);
                }

                ReportReceived[] stored = [.. batch.SelectMany(p => p.Reports)
                    .Where(r => storedAs[r.Id] == r.Id)
                    .Select(r => new ReportReceived(r.Id, r.TenantId, r.ReceivedAt))];
                if (stored.Length > 0 && !_announcements.Writer.TryWrite(stored))
                {
                    LogAnnouncementDeferred(stored.Length);
                }
            }
#pragma warning disable CA1031 // Every waiting session learns of the failure and answers 451.
            catch (Exception ex)
#pragma warning restore CA1031
            {
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
    private async Task<Dictionary<Guid, Guid>> WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var reports = batch.SelectMany(p => p.Reports).ToList();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var earlier = await EarlierCopiesAsync(connection, reports, cancellationToken);
        var storedAs = new Dictionary<Guid, Guid>(reports.Count);
        var fresh = new List<Report>(reports.Count);
        var repeats = new Dictionary<Guid, int>();
        foreach (var report in reports)
        {
            var key = (report.TenantId, Convert.ToHexString(report.Sha256));
            if (earlier.TryGetValue(key, out var first))
            {
                storedAs[report.Id] = first;
                repeats[first] = repeats.GetValueOrDefault(first) + 1;
                continue;
            }

            if (_duplicateWindow > TimeSpan.Zero)
            {
                earlier[key] = report.Id;
            }

            storedAs[report.Id] = report.Id;
            fresh.Add(report);
        }

        // One round trip: the statements of a batch run in one implicit transaction, committed at its end.
        await using var write = new NpgsqlBatch(connection);
        if (fresh.Count > 0)
        {
            write.BatchCommands.Add(Insert(fresh));
        }

        if (repeats.Count > 0)
        {
            var count = new NpgsqlBatchCommand(
                "UPDATE reports SET duplicate_count = reports.duplicate_count + d.n FROM unnest(@ids, @counts) AS d(id, n) WHERE reports.id = d.id");
            count.Parameters.AddWithValue("ids", repeats.Keys.ToArray());
            count.Parameters.AddWithValue("counts", repeats.Values.ToArray());
            write.BatchCommands.Add(count);
        }

        await write.ExecuteNonQueryAsync(cancellationToken);
        return storedAs;
    }

    /// <summary>
    /// All rows in one statement: arrays in, unnest, insert. Addresses hold no control characters,
    /// so a line feed joins RCPT TO. Positional parameters: Npgsql then sends the text as it is,
    /// without parsing it for every batch.
    /// </summary>
    private static NpgsqlBatchCommand Insert(List<Report> reports)
    {
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count)
            SELECT r.id, r.tenant_id, r.client_ip, r.helo, r.mail_from, string_to_array(r.rcpt_to, E'\n'), r.received_at, r.size, r.sha256, r.raw_message, $1, 0
            FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
              AS r(id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message)
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
        return insert;
    }

    private async Task<Dictionary<(Guid, string), Guid>> EarlierCopiesAsync(
        NpgsqlConnection connection, List<Report> reports, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(Guid, string), Guid>();
        if (_duplicateWindow <= TimeSpan.Zero)
        {
            return found;
        }

        await using var query = new NpgsqlCommand(
            """
            SELECT DISTINCT ON (r.tenant_id, r.sha256) r.id, r.tenant_id, r.sha256
            FROM reports r JOIN unnest(@tenants, @hashes) AS c(tenant_id, sha256)
              ON r.tenant_id = c.tenant_id AND r.sha256 = c.sha256
            WHERE r.received_at > @since
            ORDER BY r.tenant_id, r.sha256, r.received_at
            """,
            connection);
        query.Parameters.AddWithValue("tenants", reports.Select(r => r.TenantId).ToArray());
        query.Parameters.AddWithValue("hashes", reports.Select(r => r.Sha256).ToArray());
        query.Parameters.AddWithValue("since", clock.GetUtcNow() - _duplicateWindow);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[(reader.GetGuid(1), Convert.ToHexString((byte[])reader[2]))] = reader.GetGuid(0);
        }

        return found;
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

    private sealed record Pending(Report[] Reports, TaskCompletionSource<IReadOnlyList<Guid>> Stored);
}
