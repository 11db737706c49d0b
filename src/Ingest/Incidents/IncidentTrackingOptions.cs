using System.ComponentModel.DataAnnotations;

namespace Backscatter.Ingest.Incidents;

/// <summary>How the host runs the incident detector; the detection itself is configured in "Incidents".</summary>
public sealed class IncidentTrackingOptions
{
    public const string SectionName = "Incidents";

    /// <summary>How often open incidents are checked for quiet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ResolveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is checked for incident events that were not published after their commit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old an outbox row must be before the sweeper takes it: younger ones are being published by their transaction's caller.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan OutboxSweepAfter { get; set; } = TimeSpan.FromSeconds(5);
}
