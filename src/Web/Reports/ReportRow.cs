using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Web.Reports;

/// <summary>One line of the reports list.</summary>
public sealed record ReportRow(
    Guid Id,
    DateTimeOffset ReceivedAt,
    ReportStatus Status,
    MessageKind? Kind,
    Judgement? Verdict,
    string? Reason,
    IPAddress? ReflectorIp,
    string? ReflectorHost,
    string? BouncedTo,
    string? Subject,
    int DuplicateCount);
