namespace Backscatter.Domain.Incidents;

/// <summary>
/// A report the incident tracker has counted, so that a redelivered event is not counted twice.
/// Kept only as long as a redelivery can come (see IncidentTracking's purge).
/// </summary>
public sealed class TrackedReport
{
    public Guid ReportId { get; init; }

    public DateTimeOffset TrackedAt { get; init; }
}
