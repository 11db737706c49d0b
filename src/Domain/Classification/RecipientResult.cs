namespace Backscatter.Domain.Classification;

/// <summary>What happened to one recipient of the original message.</summary>
public sealed record RecipientResult(
    string Address,
    string? Action,
    string? Status,
    string? ReplyCode,
    string? Diagnostic,
    string? RemoteMta,
    BounceReason Reason,
    bool HardBounce,
    string? FeedbackType);
