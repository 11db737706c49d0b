namespace Backscatter.Domain.Verdicts;

/// <summary>Stable codes of the evidence behind verdicts: filters, the API and alerts use them, so they never change meaning.</summary>
public static class EvidenceCodes
{
    public const string BatvValid = "batv.valid";
    public const string BatvForged = "batv.forged";
    public const string BatvExpired = "batv.expired";
    public const string BatvUnknownKey = "batv.unknown-key";
    public const string BatvUnsigned = "batv.unsigned";
    public const string VerpMatch = "verp.match";
    public const string ReceivedThroughRelay = "received.relay";
    public const string ReceivedNoRelay = "received.no-relay";
    public const string SentFromAuthorisedAddress = "sender-ip.authorised";
    public const string SentFromUnauthorisedAddress = "sender-ip.unauthorised";
    public const string MessageIdTenant = "message-id.tenant";
    public const string MessageIdForeign = "message-id.foreign";
    public const string DkimTenantSelector = "dkim.tenant-selector";
    public const string DkimUnknownSelector = "dkim.unknown-selector";
    public const string DkimMissing = "dkim.missing";
    public const string SenderUsed = "sender.used";
    public const string SenderNeverUsed = "sender.never-used";
    public const string NotABounce = "kind.not-a-bounce";
    public const string FeedbackReport = "kind.feedback-report";
    public const string NoOriginal = "original.missing";
    public const string NoConfiguration = "configuration.none";
}
