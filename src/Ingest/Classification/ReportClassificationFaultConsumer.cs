using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;

using MassTransit;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// When a report could not be classified after every retry (its message now sits in the error
/// queue), the report is marked failed with the reason, so that the portal and operators see it.
/// </summary>
public sealed class ReportClassificationFaultConsumer(IDbContextFactory<BackscatterDbContext> databases) : IConsumer<Fault<ReportReceived>>
{
    public async Task Consume(ConsumeContext<Fault<ReportReceived>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reportId = context.Message.Message.ReportId;
        var failure = string.Join("; ", context.Message.Exceptions.Select(e => $"{e.ExceptionType}: {ReportClassificationException.ReasonFor(reportId, e.Message)}"));
        await using var db = await databases.CreateDbContextAsync(context.CancellationToken);
        await db.Reports
            .Where(r => r.Id == reportId && r.Status == ReportStatus.Received)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, ReportStatus.Failed)
                    .SetProperty(r => r.Failure, failure.Length > 2000 ? failure[..2000] : failure),
                context.CancellationToken);
    }
}
