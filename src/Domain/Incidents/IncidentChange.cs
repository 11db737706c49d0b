namespace Backscatter.Domain.Incidents;

/// <summary>What the detector decided about an incident, with the window count at that moment.</summary>
public sealed record IncidentChange(IncidentChangeKind Kind, Incident Incident, int WindowCount, DateTimeOffset At);
