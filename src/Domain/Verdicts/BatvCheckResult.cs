namespace Backscatter.Domain.Verdicts;

/// <summary>What a BATV check says about the address a bounce was sent back to.</summary>
public enum BatvCheckResult
{
    /// <summary>A tag made with one of the tenant's keys and not expired: the tenant sent the original.</summary>
    Valid,

    /// <summary>No prvs tag: on a domain that signs all its mail, the original was forged.</summary>
    Unsigned,

    /// <summary>A tag whose hash does not match: made by someone without the key.</summary>
    Forged,

    /// <summary>A correct tag past its expiry day: an old address replayed, or a very late bounce.</summary>
    Expired,

    /// <summary>A tag for a key number the tenant does not have.</summary>
    UnknownKey,
}
