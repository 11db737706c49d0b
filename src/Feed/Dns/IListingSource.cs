using Microsoft.Extensions.Primitives;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Where the feed's listing comes from: PostgreSQL (<see cref="Listings.DatabaseListingSource"/>) or an
/// rbldnsd zone file (<see cref="Zones.ZoneFileListingSource"/>). Between loads, ListingChanged events change it.
/// </summary>
public interface IListingSource
{
    Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>A token that fires when the source changed and is worth loading before the next timer tick; null when the source cannot tell.</summary>
    IChangeToken? Watch() => null;
}
