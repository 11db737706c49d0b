using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>Everything the classifier learned from one message.</summary>
public sealed record ClassificationResult(
    MessageKind Kind,
    IReadOnlyList<RecipientResult> Recipients,
    string? BouncedTo,
    string? ReportingMta,
    MtaSoftware MtaSoftware,
    OriginalMessage Original,
    IReadOnlyList<ReceivedHop> Received,
    string? Subject,
    string? Error)
{
    /// <summary>True for every kind that answers a message (bounces, auto-replies, challenges, notices).</summary>
    public bool IsBackscatterCandidate => Kind != MessageKind.NotABounce;

    public bool IsBounce => Kind is MessageKind.DeliveryStatusNotification or MessageKind.NonStandardBounce;
}
