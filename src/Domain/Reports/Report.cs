using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Reports;

/// <summary>
/// One message received at a tenant's ingest address: the SMTP envelope as we saw it and the raw
/// message, compressed. Classification results are added to it as the pipeline runs.
/// </summary>
public sealed class Report : ITenantOwned
{
    public const int MaxHeloLength = 255;
    public const int MaxAddressLength = 320;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The IP address of the SMTP client that handed us the message.</summary>
    public required IPAddress ClientIp { get; init; }

    /// <summary>The name the client gave in HELO/EHLO.</summary>
    public required string Helo { get; init; }

    /// <summary>The envelope sender; empty for the null sender <c>&lt;&gt;</c> that bounces use.</summary>
    public required string MailFrom { get; init; }

    /// <summary>The envelope recipients that belong to this report's tenant.</summary>
    public required string[] RcptTo { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Size of the raw message in bytes, before compression.</summary>
    public long Size { get; init; }

    /// <summary>SHA-256 of the raw message as received.</summary>
    public required byte[] Sha256 { get; init; }

    /// <summary>The raw message compressed with <see cref="RawMessage"/>; null once retention has purged it.</summary>
    public byte[]? RawMessageCompressed { get; set; }

    public ReportStatus Status { get; set; } = ReportStatus.Received;

    /// <summary>How many more times the same message (same SHA-256) reached the same tenant shortly after; stored once, counted.</summary>
    public int DuplicateCount { get; set; }

    // What classification found; null until the report is classified.
    public MessageKind? Kind { get; set; }

    /// <summary>The reason of the first failed recipient, for filtering (e.g. userunknown).</summary>
    public string? Reason { get; set; }

    public Judgement? Judgement { get; set; }

    public double? Confidence { get; set; }

    public IPAddress? ReflectorIp { get; set; }

    public string? ReflectorHost { get; set; }

    public string? ReportingMta { get; set; }

    public string? MtaSoftware { get; set; }

    public string? BouncedTo { get; set; }

    public string? OriginalSubject { get; set; }

    public string? OriginalMessageId { get; set; }

    public DateTimeOffset? ClassifiedAt { get; set; }

    /// <summary>Why classification failed, when it did (the message is in the error queue).</summary>
    public string? Failure { get; set; }

    /// <summary>Everything else as JSON: per-recipient results, evidence, the original's headers and Received chain.</summary>
    public string? Details { get; set; }
}
