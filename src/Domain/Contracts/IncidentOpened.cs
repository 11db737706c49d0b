namespace Backscatter.Domain.Contracts;

/// <summary>A tenant's backscatter in one window reached its threshold: a wave began.</summary>
public sealed record IncidentOpened(
    Guid IncidentId,
    Guid TenantId,
    int Severity,
    int WindowCount,
    int Threshold,
    double Baseline,
    DateTimeOffset StartedAt,
    DateTimeOffset OpenedAt);
