namespace Backscatter.Domain.Alerts;

/// <summary>The facts an alert carries, whatever the channel formats them as.</summary>
public sealed record AlertContent
{
    public required AlertEvent Event { get; init; }

    /// <summary>The delivery's id: receivers can use it to drop a duplicate.</summary>
    public required Guid DeliveryId { get; init; }

    public required Guid TenantId { get; init; }

    public required string TenantName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null for a test alert.</summary>
    public Guid? IncidentId { get; init; }

    /// <summary>Where the incident is shown in the portal.</summary>
    public Uri? IncidentUrl { get; init; }

    public int Severity { get; init; }

    public int ReportCount { get; init; }

    /// <summary>Backscatter in the window when the event happened.</summary>
    public int WindowCount { get; init; }

    public int PeakWindowCount { get; init; }

    public int Threshold { get; init; }

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public IReadOnlyList<AlertCampaign> Campaigns { get; init; } = [];

    /// <summary>The event's name on the wire, e.g. <c>incident.opened</c>.</summary>
    public string Type => Event switch
    {
        AlertEvent.IncidentOpened => "incident.opened",
        AlertEvent.IncidentEscalated => "incident.escalated",
        AlertEvent.IncidentResolved => "incident.resolved",
        _ => "test",
    };
}
