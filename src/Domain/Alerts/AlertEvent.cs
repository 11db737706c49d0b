namespace Backscatter.Domain.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertEvent
{
    IncidentOpened,
    IncidentEscalated,
    IncidentResolved,

    /// <summary>Sent on request to check a channel.</summary>
    Test,
}
