namespace Backscatter.Domain.Classification;

/// <summary>What kind of message reached an ingest address.</summary>
public enum MessageKind
{
    NotABounce,
    DeliveryStatusNotification,
    NonStandardBounce,
    AutoReply,
    ChallengeResponse,
    VirusNotice,
    FeedbackReport,
}
