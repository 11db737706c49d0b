namespace Backscatter.Ingest.Classification;

/// <summary>
/// Some reports of a batch could not be classified or stored; the message names each with its
/// error (the fault that marks a report failed keeps this message as the reason).
/// </summary>
public sealed class ReportClassificationException : Exception
{
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
            string.Join("; ", failures.Select(f => $"report {f.ReportId:N}: {f.Error.GetType().FullName}: {f.Error.Message}")),
            failures[0].Error)
    {
        ReportIds = [.. failures.Select(f => f.ReportId)];
    }

    /// <summary>The reports that failed.</summary>
    public IReadOnlyList<Guid> ReportIds { get; } = [];
}
