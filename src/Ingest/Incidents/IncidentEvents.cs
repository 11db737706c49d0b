using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>Publishes the tracker's events with their contract types (MassTransit routes by type).</summary>
internal static class IncidentEvents
{
    public static async Task PublishAsync(IPublishEndpoint bus, IEnumerable<object> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await (e switch
            {
                IncidentOpened opened => bus.Publish(opened, cancellationToken),
                IncidentEscalated escalated => bus.Publish(escalated, cancellationToken),
                IncidentResolved resolved => bus.Publish(resolved, cancellationToken),
                _ => throw new ArgumentException($"Not an incident event: {e.GetType()}", nameof(events)),
            });
        }
    }
}
