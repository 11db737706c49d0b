namespace Backscatter.Domain.Listing;

/// <summary>
/// The A records of a listing, 127.0.0.N with N the value, so that an MTA can reject by behaviour
/// (<c>reject_rbl_client bl.example=127.0.0.[2;3]</c>).
/// </summary>
public enum ReturnCode : byte
{
    /// <summary>127.0.0.2: sends bounces (NDRs, DSNs) to forged senders.</summary>
    Bounce = 2,

    /// <summary>127.0.0.3: sends auto-replies to forged senders.</summary>
    AutoReply = 3,

    /// <summary>127.0.0.4: sends challenge-response messages.</summary>
    ChallengeResponse = 4,

    /// <summary>127.0.0.5: sends virus notices to forged senders.</summary>
    VirusNotice = 5,
}
