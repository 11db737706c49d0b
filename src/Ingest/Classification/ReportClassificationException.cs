namespace Backscatter.Ingest.Classification;

/// <summary>
/// Some reports of a batch could not be classified or stored; the message names each with its
/// error (the fault that marks a report failed keeps this message as the reason).
/// </summary>
public sealed class ReportClassificationException : Exception
{
    private const string Separator = "; ";
    private const string NextReport = Separator + "report ";

    public ReportClassificationException()
    {
    }

    public ReportClassificationException(string message)
        : base(message)
    {
    }

    public ReportClassificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ReportClassificationException(IReadOnlyList<(Guid ReportId, Exception Error)> failures)
        : base(
            string.Join(Separator, failures.Select(f => $"{Prefix(f.ReportId)}{f.Error.GetType().FullName}: {f.Error.Message}")),
            failures[0].Error)
    {
        ReportIds = [.. failures.Select(f => f.ReportId)];
    }

    /// <summary>
    /// From the message of a batch's failure, the part about one report (every message of a failed
    /// batch carries the same exception); the whole message when it does not name the report.
    /// </summary>
    public static string ReasonFor(Guid reportId, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prefix = Prefix(reportId);
        var start = message.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return message;
        }

        start += prefix.Length;
        var end = message.IndexOf(NextReport, start, StringComparison.Ordinal);
        return end < 0 ? message[start..] : message[start..end];
    }

    private static string Prefix(Guid reportId) => $"report {reportId:N}: ";

    /// <summary>The reports that failed.</summary>
    public IReadOnlyList<Guid> ReportIds { get; } = [];
}
