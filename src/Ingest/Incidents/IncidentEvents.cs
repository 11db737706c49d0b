using System.Text.Json;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;

using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// The three incident contracts as outbox rows and on the bus: MassTransit routes by type, and a row
/// names its type, which is read back only as one of these (never as any type a row might name).
/// </summary>
internal static class IncidentEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage ToOutbox(object e, DateTimeOffset now) => e switch
    {
        IncidentOpened or IncidentEscalated or IncidentResolved => new OutboxMessage
        {
            Type = e.GetType().Name,
            Body = JsonSerializer.Serialize(e, e.GetType(), Json),
            CreatedAt = now,
        },
        _ => throw new ArgumentException($"Not an incident event: {e.GetType()}", nameof(e)),
    };

    /// <summary>The event of a row; null when this version does not know its type.</summary>
    public static object? FromOutbox(OutboxMessage row) => row.Type switch
    {
        nameof(IncidentOpened) => JsonSerializer.Deserialize<IncidentOpened>(row.Body, Json),
        nameof(IncidentEscalated) => JsonSerializer.Deserialize<IncidentEscalated>(row.Body, Json),
        nameof(IncidentResolved) => JsonSerializer.Deserialize<IncidentResolved>(row.Body, Json),
        _ => null,
    };

    /// <summary>Publishes under the outbox row's id, so that a second publication is the same message to the alert consumer.</summary>
    public static Task PublishAsync(IPublishEndpoint bus, IncidentEvent e, CancellationToken cancellationToken) => e.Message switch
    {
        IncidentOpened opened => bus.Publish(opened, c => c.MessageId = e.MessageId, cancellationToken),
        IncidentEscalated escalated => bus.Publish(escalated, c => c.MessageId = e.MessageId, cancellationToken),
        IncidentResolved resolved => bus.Publish(resolved, c => c.MessageId = e.MessageId, cancellationToken),
        _ => throw new ArgumentException($"Not an incident event: {e.Message.GetType()}", nameof(e)),
    };
}
