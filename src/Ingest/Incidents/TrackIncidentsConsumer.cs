using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Counts classified backscatter towards each tenant's incidents, a classified batch at a time
/// (during a wave thousands arrive a second; one transaction per tenant per batch keeps the row
/// lock short), and publishes what opened, escalated or resolved through the outbox.
/// </summary>
public sealed class TrackIncidentsConsumer(IncidentTracker tracker, IncidentOutbox outbox) : IConsumer<ReportsClassified>
{
    public async Task Consume(ConsumeContext<ReportsClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byTenant = context.Message.Reports
            .Where(IncidentTracker.Counts)
            .GroupBy(m => m.TenantId);
        foreach (var tenant in byTenant)
        {
            var events = await tracker.TrackAsync(tenant.Key, [.. tenant.Select(m => m.ReportId)], context.CancellationToken);
            await outbox.PublishAsync(context, events, context.CancellationToken);
        }
    }
}
