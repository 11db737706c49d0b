using System.ComponentModel.DataAnnotations;

namespace Backscatter.Ingest.Incidents;

/// <summary>How the host runs the incident detector; the detection itself is configured in "Incidents".</summary>
public sealed class IncidentTrackingOptions
{
    public const string SectionName = "Incidents";

    /// <summary>How often open incidents are checked for quiet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ResolveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
