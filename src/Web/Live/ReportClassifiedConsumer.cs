using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Web.Live;

/// <summary>Hands each classified report to the circuits of its tenant.</summary>
public sealed class ReportClassifiedConsumer(ReportFeed feed) : IConsumer<ReportClassified>
{
    public Task Consume(ConsumeContext<ReportClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return feed.PublishAsync(context.Message);
    }
}
