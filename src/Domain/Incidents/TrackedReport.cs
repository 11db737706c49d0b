namespace Backscatter.Domain.Incidents;

/// <summary>
/// A report the incident tracker has counted, so that a redelivered event is not counted twice.
/// Kept only as long as a redelivery can come (a day; the resolver's timer forgets older ones).
/// </summary>
public sealed class TrackedReport
{
    public Guid ReportId { get; init; }

    public DateTimeOffset TrackedAt { get; init; }
}
