namespace Backscatter.Domain.Incidents;

/// <summary>Backscatter of one incident within one minute: the incident's timeline.</summary>
public sealed class IncidentMinute
{
    public Guid IncidentId { get; init; }

    /// <summary>The start of the minute.</summary>
    public DateTimeOffset Minute { get; init; }

    public int Count { get; set; }
}
