using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Listings;

/// <summary>
/// The one way the active listing changes: single changes from the bus, and whole snapshots from the
/// periodic reconciliation. A snapshot loaded from PostgreSQL may predate changes that arrived while it
/// loaded; those are applied again on top of it, so a reconciliation never takes a change back.
/// The SOA serial grows with every swap.
/// </summary>
public sealed class ListingUpdates(ActiveListing listing, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<(long Sequence, IPAddress Address, ListingFacts? Facts)> _recent = [];
    private readonly Dictionary<IPAddress, (DateTimeOffset ChangedAt, long Sequence)> _latest = [];
    private long _sequence;
    private long _loadedAt = -1;

    /// <summary>How long ago a whole snapshot was last loaded (<see cref="Replace"/>); null before the first.</summary>
    public TimeSpan? SinceLoaded
    {
        get
        {
            var loadedAt = Volatile.Read(ref _loadedAt);
            return loadedAt < 0 ? null : clock.GetElapsedTime(loadedAt);
        }
    }

    /// <summary>Call before loading a snapshot; pass the mark to <see cref="Replace"/>.</summary>
    public long Mark()
    {
        lock (_gate)
        {
            return _sequence;
        }
    }

    /// <summary>Applies a batch of changes in one new snapshot (one copy of the listing for the whole batch).</summary>
    public void Apply(IReadOnlyCollection<ListingChanged> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var applied = new List<(IPAddress Address, ListingFacts? Facts)>(changes.Count);
            foreach (var change in changes.OrderBy(c => c.ChangedAt))
            {
                var ip = change.Ip.IsIPv4MappedToIPv6 ? change.Ip.MapToIPv4() : change.Ip;
                // Two changes of one address can be published out of order; the later decision wins.
                if (_latest.TryGetValue(ip, out var latest) && latest.ChangedAt > change.ChangedAt)
                {
                    continue;
                }

                ListingFacts? facts = change.IsListed
                    ? ListingFacts.From([.. change.ReturnCodes], change.MessageCount, change.TenantCount, change.LastSeen)
                    : null;
                _recent.Add((++_sequence, ip, facts));
                _latest[ip] = (change.ChangedAt, _sequence);
                applied.Add((ip, facts));
            }

            if (applied.Count > 0)
            {
                var current = listing.Current;
                listing.Replace(current.With(applied, NextSerial(current)));
            }
        }
    }

    /// <summary>Swaps in a freshly loaded snapshot, with the changes received since <paramref name="mark"/> applied on top.</summary>
    public ListingSnapshot Replace(ListingSnapshot loaded, long mark)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        lock (_gate)
        {
            var serial = Math.Max(loaded.Serial, NextSerial(listing.Current));
            var next = loaded.With(_recent.Where(c => c.Sequence > mark).Select(c => (c.Address, c.Facts)), serial);
            // Changes up to the mark are in every snapshot loaded from now on.
            _recent.RemoveAll(c => c.Sequence <= mark);
            foreach (var (ip, latest) in _latest.Where(l => l.Value.Sequence <= mark).ToList())
            {
                _latest.Remove(ip);
            }

            listing.Replace(next);
            Volatile.Write(ref _loadedAt, clock.GetTimestamp());
            return next;
        }
    }

    private uint NextSerial(ListingSnapshot current) =>
        Math.Max(current.Serial + 1, (uint)clock.GetUtcNow().ToUnixTimeSeconds());
}
