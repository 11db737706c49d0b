namespace Backscatter.Domain.Classification;

/// <summary>
/// Why delivery to one recipient failed: the taxonomy the bounce-parsing field uses (Sisimai's names).
/// Each member's lower-cased name is its wire name (see <see cref="BounceReasonNames"/>).
/// </summary>
public enum BounceReason
{
    Undefined,
    AuthFailure,
    BadReputation,
    Blocked,
    ContentError,
    Delivered,
    ExceedLimit,
    Expired,
    FailedStartTls,
    Feedback,
    Filtered,
    HasMoved,
    HostUnknown,
    MailboxFull,
    MailerError,
    MesgTooBig,
    NetworkError,
    NoRelaying,
    NotAccept,
    NotCompliantRfc,
    OnHold,
    PolicyViolation,
    Rejected,
    RequirePtr,
    SecurityError,
    SpamDetected,
    Speeding,
    Suppressed,
    Suspend,
    SyntaxError,
    SystemError,
    SystemFull,
    TooManyConn,
    UserUnknown,
    Vacation,
    VirusDetected,
}
