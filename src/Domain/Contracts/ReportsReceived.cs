namespace Backscatter.Domain.Contracts;

/// <summary>
/// Reports were stored durably and acknowledged to their senders; one message for a whole stored
/// batch, so that the broker's work is paid per batch rather than per report.
/// </summary>
public sealed record ReportsReceived(IReadOnlyList<ReportReceived> Reports);
