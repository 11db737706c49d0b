namespace Backscatter.Feed.Dns;

/// <summary>
/// The snapshot the DNS server answers from. Readers take the reference once per query; a reload
/// swaps it atomically, so a query sees either the old or the new listing, never a mix.
/// </summary>
public sealed class ActiveListing
{
    private ListingSnapshot _current;

    public ActiveListing(ListingSnapshot? initial = null)
    {
        _current = initial ?? ListingSnapshot.Empty;
    }

    public ListingSnapshot Current => Volatile.Read(ref _current);

    /// <returns>The snapshot that was replaced.</returns>
    public ListingSnapshot Replace(ListingSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
