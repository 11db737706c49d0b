namespace Backscatter.Domain.Listing;

/// <summary>What happened to a listing; one row of the listing history and one <c>ListingChanged</c> event each.</summary>
public enum ListingChange
{
    /// <summary>The reflector entered the feed.</summary>
    Listed,

    /// <summary>Still listed, with other return codes (it started sending another kind of backscatter).</summary>
    CodesChanged,

    /// <summary>No backscatter for the listing lifetime: out of the feed by itself.</summary>
    Expired,

    /// <summary>Taken out by an operator, with a reason; backscatter before then no longer counts.</summary>
    Delisted,

    /// <summary>Taken out because the address became unlistable (the operator's allowlist).</summary>
    Allowlisted,
}
