namespace Backscatter.Feed.Dns;

/// <summary>
/// Where the feed's listing comes from. Today a zone file (<see cref="Zones.ZoneFileListingSource"/>);
/// the PostgreSQL reconciliation and the ListingChanged consumer plug in here once the ingest pipeline exists.
/// </summary>
public interface IListingSource
{
    Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken);
}
