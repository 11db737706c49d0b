namespace Backscatter.Domain.Contracts;

/// <summary>A message was stored durably and acknowledged to the sender; the raw message stays in PostgreSQL. Travels in <see cref="ReportsReceived"/>.</summary>
public sealed record ReportReceived(Guid ReportId, Guid TenantId, DateTimeOffset ReceivedAt);
