namespace Backscatter.Domain.Listing;

public enum ListingStatus
{
    /// <summary>In the feed now.</summary>
    Listed,

    /// <summary>Backscatter seen, but never enough within the window to list.</summary>
    BelowThreshold,

    /// <summary>Was listed; no backscatter since, for longer than the listing lifetime.</summary>
    Expired,

    /// <summary>A private, loopback, link-local, documentation, multicast or reserved address: never listed.</summary>
    NotListable,

    /// <summary>In the operator's allowlist: never listed.</summary>
    Allowlisted,

    /// <summary>No backscatter counted (none seen, or all of it before a delisting).</summary>
    NoEvidence,
}
