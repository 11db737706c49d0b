using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;

using MassTransit;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// When a batch could not be classified after every retry (its message now sits in the error
/// queue), the reports of it that are still waiting are marked failed, each with its own reason,
/// so that the portal and operators see them. The batch's other reports were classified before it
/// failed and stay as they are.
/// </summary>
public sealed class ReportClassificationFaultConsumer(IDbContextFactory<BackscatterDbContext> databases) : IConsumer<Fault<ReportsReceived>>
{
    private const int MaxFailureLength = 2000;

    public async Task Consume(ConsumeContext<Fault<ReportsReceived>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exceptions = context.Message.Exceptions;
        var byReason = context.Message.Message.Reports
            .Select(r => r.ReportId)
            .Distinct()
            .GroupBy(id => Limit(string.Join("; ", exceptions.Select(e => $"{e.ExceptionType}: {ReportClassificationException.ReasonFor(id, e.Message)}"))));
        await using var db = await databases.CreateDbContextAsync(context.CancellationToken);
        foreach (var reason in byReason)
        {
            Guid[] ids = [.. reason];
            await db.Reports
                .Where(r => ids.Contains(r.Id) && r.Status == ReportStatus.Received)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(r => r.Status, ReportStatus.Failed)
                        .SetProperty(r => r.Failure, reason.Key),
                    context.CancellationToken);
        }
    }

    private static string Limit(string failure) => failure.Length > MaxFailureLength ? failure[..MaxFailureLength] : failure;
}
