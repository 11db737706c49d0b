namespace Backscatter.Web.Reports;

/// <summary>The message the bounce is about, as far as the bounce quotes it.</summary>
public sealed record OriginalSummary(
    string? From,
    string? EnvelopeSender,
    string? To,
    string? Subject,
    string? MessageId,
    string? Date,
    IReadOnlyList<Hop> Received,
    IReadOnlyList<string> DkimDomains);
