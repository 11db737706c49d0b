namespace Backscatter.Domain.Reports;

/// <summary>Where a report is in the pipeline.</summary>
public enum ReportStatus
{
    /// <summary>Stored durably and acknowledged to the sender; not yet classified.</summary>
    Received,

    /// <summary>Classified and given a verdict.</summary>
    Classified,

    /// <summary>Classification failed repeatedly; the message sits in the error queue.</summary>
    Failed,
}
