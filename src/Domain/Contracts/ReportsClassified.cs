namespace Backscatter.Domain.Contracts;

/// <summary>
/// Reports were classified and judged, and their reflectors counted; one message for a whole
/// classified batch, so that the broker's work is paid per batch rather than per report.
/// </summary>
public sealed record ReportsClassified(IReadOnlyList<ReportClassified> Reports);
