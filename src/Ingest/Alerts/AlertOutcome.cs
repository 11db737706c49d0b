using Backscatter.Domain.Alerts;

namespace Backscatter.Ingest.Alerts;

/// <summary>How one delivery ended, as the log records it.</summary>
public sealed record AlertOutcome(AlertDeliveryStatus Status, int Attempts, int? ResponseCode, string? Error);
