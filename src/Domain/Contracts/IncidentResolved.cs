namespace Backscatter.Domain.Contracts;

/// <summary>An incident's window stayed below its threshold for the quiet period.</summary>
public sealed record IncidentResolved(
    Guid IncidentId,
    Guid TenantId,
    int Severity,
    int ReportCount,
    int PeakWindowCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset ResolvedAt);
