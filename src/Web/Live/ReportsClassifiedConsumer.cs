using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Web.Live;

/// <summary>Hands each report of a classified batch to the circuits of its tenant, in the order classified.</summary>
public sealed class ReportsClassifiedConsumer(ReportFeed feed) : IConsumer<ReportsClassified>
{
    public async Task Consume(ConsumeContext<ReportsClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var report in context.Message.Reports)
        {
            await feed.PublishAsync(report);
        }
    }
}
