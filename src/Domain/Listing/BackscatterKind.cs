namespace Backscatter.Domain.Listing;

/// <summary>What a reflector sent to a forged sender; each kind has its own return code.</summary>
public enum BackscatterKind
{
    Bounce,
    AutoReply,
    ChallengeResponse,
    VirusNotice,
}
