using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Storage;

using MassTransit;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Classifies stored reports a batch at a time (one <see cref="ReportsReceived"/> per stored
/// batch): judges each against its tenant's configuration, names its reflector, and counts the
/// reflector's backscatter. One query loads the batch, the classifier runs in memory, one
/// statement stores every result and the reflector counts, one <see cref="ReportsClassified"/>
/// announces them. Idempotent by report id: only reports still <see cref="ReportStatus.Received"/>
/// are stored and counted; those a previous delivery classified are announced again (that delivery
/// may have stored them and lost its publish). The classifier itself runs on spare CPU (<see cref="SpareCpuScheduler"/>),
/// and while SMTP sessions are being accepted, batches take turns (<see cref="ClassificationGate"/>).
/// </summary>
/// <remarks>
/// A report that cannot be classified does not hold back the rest: its batch is stored without
/// it, and then the batch fails, so that the retry policy tries again (the stored reports are
/// skipped as classified) and, after the last retry, the messages go to the error queue and
/// <see cref="ReportClassificationFaultConsumer"/> marks the report that is still waiting as failed.
/// When the batch cannot be stored as a whole, each report is stored on its own.
/// </remarks>
public sealed partial class ClassifyReportConsumer(
    PostgresClassificationStore store,
    UnclassifiedMessages unclassified,
    TenantMailConfigurations configurations,
    IngestHostNames ingestHosts,
    ClassificationGate gate,
    SpareCpuScheduler spareCpu,
    TimeProvider clock,
    ClassificationMetrics metrics,
    ILogger<ClassifyReportConsumer> logger) : IConsumer<ReportsReceived>
{
    public async Task Consume(ConsumeContext<ReportsReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        using var turn = await gate.TakeTurnAsync(ct);
        var ids = context.Message.Reports.Select(m => m.ReportId).ToHashSet();
        var batch = await store.LoadAsync(ids, unclassified.Take(ids), ct);
        var waiting = batch.Waiting;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var failures = new List<(Guid ReportId, Exception Error)>();
        var tenants = new Dictionary<Guid, TenantMailConfiguration>();
        foreach (var tenant in waiting.Select(r => r.TenantId).Distinct())
        {
            try
            {
                tenants[tenant] = await configurations.GetAsync(tenant, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.AddRange(waiting.Where(r => r.TenantId == tenant).Select(r => (r.Id, ex)));
            }
        }

        // The classifier's CPU on spare cores only (see SpareCpuScheduler). Forced back to the thread
        // pool afterwards: the store and the publish must not run on, and hold, a low-priority thread.
        var classified = await Task.Factory
            .StartNew(() => Classify(waiting, tenants, today, failures), ct, TaskCreationOptions.None, spareCpu)
            .ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

        var stored = await StoreAsync(classified, now, failures, ct);
        foreach (var report in classified)
        {
            if (stored.Contains(report.Report.Id))
            {
                metrics.Classified(report.Result.Kind, report.Verdict.Judgement, now - report.Report.ReceivedAt);
            }
        }

        if (batch.ClassifiedBefore.Count > 0)
        {
            LogAnnouncingAgain(batch.ClassifiedBefore.Count, ids.Count);
        }

        if (stored.Count > 0 || batch.ClassifiedBefore.Count > 0)
        {
            // Those classified before are announced again: their first announcement may never have
            // left (see LoadAsync). Every consumer of the event takes a report once, by its id.
            await context.Publish(
                new ReportsClassified([.. classified.Where(c => stored.Contains(c.Report.Id)).Select(c => c.ToEvent(now)), .. batch.ClassifiedBefore]),
                ct);
        }

        if (failures.Count > 0)
        {
            metrics.Failed(failures.Count);
            throw new ReportClassificationException(failures);
        }
    }

    private List<ClassifiedReport> Classify(
        IReadOnlyList<ReportToClassify> waiting,
        Dictionary<Guid, TenantMailConfiguration> tenants,
        DateOnly today,
        List<(Guid ReportId, Exception Error)> failures)
    {
        var classified = new List<ClassifiedReport>(waiting.Count);
        foreach (var report in waiting)
        {
            if (!tenants.TryGetValue(report.TenantId, out var tenant))
            {
                continue; // its tenant's configuration could not be read: already among the failures
            }

            try
            {
                classified.Add(ClassifiedReport.Classify(report, tenant, ingestHosts.Names, today));
            }
#pragma warning disable CA1031 // One report the classifier cannot read must not hold back the rest; it fails on its own.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add((report.Id, ex));
            }
        }

        return classified;
    }

    private async Task<IReadOnlySet<Guid>> StoreAsync(
        List<ClassifiedReport> classified, DateTimeOffset now, List<(Guid ReportId, Exception Error)> failures, CancellationToken ct)
    {
        try
        {
            return await store.StoreAsync(classified, now, ct);
        }
        catch (Exception ex) when (classified.Count > 1 && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            // One report the database refuses must not keep the others waiting: store them one by one.
            LogStoringOneByOne(ex, classified.Count);
        }

        var stored = new HashSet<Guid>();
        foreach (var report in classified)
        {
            try
            {
                stored.UnionWith(await store.StoreAsync([report], now, ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.Add((report.Report.Id, ex));
            }
        }

        return stored;
    }

    [LoggerMessage(LogLevel.Information, "{Count} of {Total} reports in a delivered batch were classified before; announcing them again")]
    private partial void LogAnnouncingAgain(int count, int total);

    [LoggerMessage(LogLevel.Warning, "Could not store a batch of {Count} classified reports at once; storing them one by one")]
    private partial void LogStoringOneByOne(Exception exception, int count);
}
