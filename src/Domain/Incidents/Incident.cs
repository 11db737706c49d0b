using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Incidents;

/// <summary>A wave of backscatter at one tenant: opened when the rate crossed the threshold, resolved when it stayed quiet.</summary>
public sealed class Incident : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public IncidentStatus Status { get; set; } = IncidentStatus.Open;

    /// <summary>1 when opened, one more at each escalation multiple reached.</summary>
    public int Severity { get; set; } = 1;

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The window count that opened it: max(threshold, k × baseline) at that moment.</summary>
    public int Threshold { get; init; }

    /// <summary>The tenant's baseline per window when it opened.</summary>
    public double Baseline { get; init; }

    /// <summary>Backscatter counted in it, including the window that opened it.</summary>
    public int ReportCount { get; set; }

    /// <summary>The highest window count seen while open.</summary>
    public int PeakWindowCount { get; set; }

    /// <summary>The start of the window that opened it: when the wave began, to the window's resolution.</summary>
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset LastReportAt { get; set; }

    /// <summary>The last time the window was at or above <see cref="Threshold"/>; quiet is measured from here.</summary>
    public DateTimeOffset LastAboveThresholdAt { get; set; }

    public List<IncidentCampaign> Campaigns { get; init; } = [];

    /// <summary>When a member said they are on it; escalations then alert only when the wave grows much further.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>The member's email, kept after the member is gone.</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>The severity when it was acknowledged.</summary>
    public int? AcknowledgedSeverity { get; set; }

    /// <summary>The member who resolved it in the portal; null when it resolved by going quiet.</summary>
    public string? ResolvedBy { get; set; }

    /// <summary>
    /// Whether an escalation to <paramref name="severity"/> is alerted: always before anyone
    /// acknowledged it; afterwards only from <see cref="ReAlertLevels"/> levels above the severity
    /// acknowledged — someone is on it, and one more level is the wave they are already watching.
    /// </summary>
    public bool AlertsOnEscalationTo(int severity) =>
        AcknowledgedSeverity is not { } acknowledged || severity >= acknowledged + ReAlertLevels;

    /// <summary>How many levels above the acknowledged severity an escalation alerts again.</summary>
    public const int ReAlertLevels = 2;

    public const int MaxMemberLength = 256;
}
