namespace Backscatter.Domain.Contracts;

/// <summary>
/// Reports were stored durably and acknowledged to their senders; one message for a whole stored
/// batch, so that the broker's work is paid per batch rather than per report.
/// </summary>
public sealed record ReportsReceived(IReadOnlyList<ReportReceived> Reports)
{
    /// <summary>The most reports one message carries: a few hundred keep a message small and a consumer's batch one query.</summary>
    public const int MaxReports = 256;

    /// <summary>The announcements for <paramref name="reports"/>, at most <see cref="MaxReports"/> to a message.</summary>
    public static IEnumerable<ReportsReceived> For(IEnumerable<ReportReceived> reports) =>
        reports.Chunk(MaxReports).Select(c => new ReportsReceived(c));
}
