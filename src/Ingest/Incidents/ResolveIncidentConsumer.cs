using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>The portal's resolve button: the tracker resolves the incident and its <see cref="IncidentResolved"/> goes out like a quiet one's.</summary>
public sealed class ResolveIncidentConsumer(IncidentTracker tracker, IncidentOutbox outbox) : IConsumer<ResolveIncident>
{
    public async Task Consume(ConsumeContext<ResolveIncident> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var events = await tracker.ResolveAsync(context.Message, context.CancellationToken);
        await outbox.PublishAsync(context, events, context.CancellationToken);
    }
}
