namespace Backscatter.Domain.Contracts;

/// <summary>An open incident's window count reached a higher multiple of its threshold.</summary>
public sealed record IncidentEscalated(
    Guid IncidentId,
    Guid TenantId,
    int Severity,
    int WindowCount,
    int ReportCount,
    DateTimeOffset EscalatedAt);
