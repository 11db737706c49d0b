using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;

using MassTransit;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Classifies a stored report, judges it against its tenant's configuration, names its reflector,
/// and counts the reflector's backscatter. Idempotent by report id: only the delivery that moves
/// the report out of <see cref="ReportStatus.Received"/> stores results and counts.
/// </summary>
public sealed class ClassifyReportConsumer(
    IDbContextFactory<BackscatterDbContext> databases,
    TenantMailConfigurations configurations,
    IngestHostNames ingestHosts,
    TimeProvider clock) : IConsumer<ReportReceived>
{
    public async Task Consume(ConsumeContext<ReportReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        await using var db = await databases.CreateDbContextAsync(ct);
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == context.Message.ReportId)
            .Select(r => new { r.TenantId, r.Status, r.ClientIp, r.ReceivedAt, r.RawMessageCompressed })
            .FirstOrDefaultAsync(ct);
        if (report is null || report.Status != ReportStatus.Received)
        {
            return;
        }

        var raw = report.RawMessageCompressed is null ? [] : RawMessage.Decompress(report.RawMessageCompressed);
        var result = BounceClassifier.Classify(raw);
        var tenant = await configurations.GetAsync(report.TenantId, ct);
        var now = clock.GetUtcNow();
        var verdict = VerdictRules.Judge(result, tenant, DateOnly.FromDateTime(now.UtcDateTime));
        var reflector = ReflectorAttribution.Find(result, tenant, ingestHosts.Names, report.ClientIp);
        var details = ClassificationJson.ToJson(result, verdict, reflector);
        var reason = result.Recipients.Count > 0 ? result.Recipients[0].Reason.ToName() : null;
        var reflectorIp = reflector?.Ip;
        var reflectorHost = Limit(reflector?.Host, 255);
        var reportingMta = Limit(result.ReportingMta, 255);
        var software = result.MtaSoftware.ToString().ToLowerInvariant();
        var bouncedTo = Limit(result.BouncedTo, Report.MaxAddressLength);
        var subject = Limit(result.Original.Subject, 500);
        var messageId = Limit(result.Original.MessageId, 500);

        // The update and the counts commit together; the retrying strategy replays them as a unit.
        var updated = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Every report of a wave counts against the same reflector rows, locked until commit: waiting
            // for the disk there would queue all consumers behind each flush. Without the wait, a crash
            // can undo this commit as a whole; the report is then Received again, and the sweeper has
            // it classified and counted anew from the raw message, which was flushed before the 250.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", ct);
            var rows = await db.Reports
                .Where(r => r.Id == context.Message.ReportId && r.Status == ReportStatus.Received)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(r => r.Status, ReportStatus.Classified)
                        .SetProperty(r => r.Kind, result.Kind)
                        .SetProperty(r => r.Reason, reason)
                        .SetProperty(r => r.Judgement, verdict.Judgement)
                        .SetProperty(r => r.Confidence, verdict.Confidence)
                        .SetProperty(r => r.ReflectorIp, reflectorIp)
                        .SetProperty(r => r.ReflectorHost, reflectorHost)
                        .SetProperty(r => r.ReportingMta, reportingMta)
                        .SetProperty(r => r.MtaSoftware, software)
                        .SetProperty(r => r.BouncedTo, bouncedTo)
                        .SetProperty(r => r.OriginalSubject, subject)
                        .SetProperty(r => r.OriginalMessageId, messageId)
                        .SetProperty(r => r.ClassifiedAt, now)
                        .SetProperty(r => r.Details, details),
                    ct);
            if (rows == 1 && verdict.Judgement == Judgement.Backscatter && reflector is not null && KindOf(result.Kind) is { } kind)
            {
                await ReflectorCounts.AddAsync(db, reflector, result.MtaSoftware, report.TenantId, kind, now, ct);
            }

            await transaction.CommitAsync(ct);
            return rows;
        });
        if (updated == 0)
        {
            // Another delivery of the same event got there first.
            return;
        }

        await context.Publish(
            new ReportClassified(
                context.Message.ReportId,
                report.TenantId,
                result.Kind.ToString(),
                verdict.Judgement.ToString(),
                reflector?.Ip,
                report.ReceivedAt,
                now),
            ct);
    }

    private static BackscatterKind? KindOf(MessageKind kind) => kind switch
    {
        MessageKind.DeliveryStatusNotification or MessageKind.NonStandardBounce => BackscatterKind.Bounce,
        MessageKind.AutoReply => BackscatterKind.AutoReply,
        MessageKind.ChallengeResponse => BackscatterKind.ChallengeResponse,
        MessageKind.VirusNotice => BackscatterKind.VirusNotice,
        _ => null,
    };

    private static string? Limit(string? value, int length) => PostgresText.Clean(value, length);
}
