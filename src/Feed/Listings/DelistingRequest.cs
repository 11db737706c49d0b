namespace Backscatter.Feed.Listings;

/// <summary>An operator's request to take an address out of the feed.</summary>
/// <param name="Reason">Why; it goes into the listing history.</param>
/// <param name="Operator">Who asks, for the history.</param>
public sealed record DelistingRequest(string? Reason, string? Operator);
