namespace Backscatter.Ingest.Incidents;

/// <summary>An incident event the tracker wrote to the outbox, with the id of its row: the bus message id it is published under.</summary>
public sealed record IncidentEvent(Guid MessageId, object Message);
