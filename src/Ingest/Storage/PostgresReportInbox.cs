using System.Threading.Channels;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;
using Backscatter.Ingest.Smtp;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Makes received messages durable with group commit: sessions hand their messages in, one writer
/// copies whatever has gathered into PostgreSQL in a single transaction (binary COPY), and every
/// session waiting on that batch hears back at once. Under load, batches grow and the database
/// sees a few large commits instead of thousands of small ones. After the commit the reports are
/// announced on the bus; if the broker is down, the sweeper announces them later.
/// </summary>
public sealed partial class PostgresReportInbox(
    NpgsqlDataSource database,
    IServiceScopeFactory scopes,
    ILogger<PostgresReportInbox> logger) : BackgroundService, IReportInbox
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(8 * MaxBatch)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<IReadOnlyList<Guid>> StoreAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var compressed = RawMessage.Compress(message.Raw.Span);
        var sha256 = RawMessage.Sha256(message.Raw.Span);
        // One report per tenant: each tenant sees its own copy, with only its own addresses.
        var reports = message.Recipients
            .GroupBy(r => r.TenantId)
            .Select(g => new Report
            {
                TenantId = g.Key,
                ClientIp = message.ClientIp,
                Helo = Truncate(message.Helo, Report.MaxHeloLength),
                MailFrom = Truncate(message.MailFrom, Report.MaxAddressLength),
                RcptTo = [.. g.Select(r => r.Address).Distinct(StringComparer.Ordinal)],
                ReceivedAt = message.ReceivedAt,
                Size = message.Raw.Length,
                Sha256 = sha256,
                RawMessageCompressed = compressed,
            })
            .ToArray();
        var pending = new Pending(reports, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Stored.Task.WaitAsync(cancellationToken);
        return [.. reports.Select(r => r.Id)];
    }

    // Announcing never holds up storing: a broker outage must not slow down the 250s.
    private readonly Channel<ReportReceived[]> _announcements = Channel.CreateBounded<ReportReceived[]>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(StoreBatchesAsync(stoppingToken), AnnounceBatchesAsync(stoppingToken));

    private async Task StoreBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await CopyAsync(batch, stoppingToken);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetResult();
                }

                _announcements.Writer.TryWrite([.. batch.SelectMany(p => p.Reports).Select(r => new ReportReceived(r.Id, r.TenantId, r.ReceivedAt))]);
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

    private async Task CopyAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var report in batch.SelectMany(p => p.Reports))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(report.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(report.TenantId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(report.ClientIp, NpgsqlDbType.Inet, cancellationToken);
                await copy.WriteAsync(report.Helo, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(report.MailFrom, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(report.RcptTo, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(report.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(report.Size, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(report.Sha256, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(report.RawMessageCompressed, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(nameof(ReportStatus.Received), NpgsqlDbType.Varchar, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AnnounceBatchesAsync(CancellationToken stoppingToken)
    {
        await foreach (var events in _announcements.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PublishTimeout);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().PublishBatch(events, timeout.Token);
            }
#pragma warning disable CA1031 // The reports are durable; the sweeper announces what could not be announced now.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogAnnounceFailed(ex, events.Length);
            }
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(LogLevel.Error, "Could not store a batch of {Count} messages; their senders get 451 and retry")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "Stored {Count} reports but could not announce them on the bus; the sweeper will")]
    private partial void LogAnnounceFailed(Exception exception, int count);

    private sealed record Pending(Report[] Reports, TaskCompletionSource Stored);
}
