using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;

namespace Backscatter.Feed.Dns;

/// <summary>
/// The listed addresses at one moment, immutable, so that the DNS threads read it without locks and a
/// new one replaces it in one reference swap. Sorted arrays keep it compact (20 bytes per IPv4 listing)
/// and binary search needs no hashing or allocation.
/// </summary>
public sealed class ListingSnapshot
{
    private readonly SortedListings<uint> _v4;
    private readonly SortedListings<UInt128> _v6;

    /// <param name="serial">The SOA serial of the zone while this snapshot is served.</param>
    /// <remarks><see cref="ListingSnapshotBuilder"/> makes the listings; nothing writes to their arrays afterwards.</remarks>
    internal ListingSnapshot(uint serial, SortedListings<uint> v4, SortedListings<UInt128> v6)
    {
        Serial = serial;
        _v4 = v4;
        _v6 = v6;
    }

    public static ListingSnapshot Empty { get; } = new(1, SortedListings<uint>.Empty, SortedListings<UInt128>.Empty);

    public uint Serial { get; }

    public int Count => _v4.Count + _v6.Count;

    /// <summary>Listed IPv4 addresses as numbers (a.b.c.d = a&lt;&lt;24 | ...), ascending; parallel to <see cref="IPv4Facts"/>.</summary>
    public ReadOnlyMemory<uint> IPv4Addresses => _v4.Keys;

    public ReadOnlyMemory<ListingFacts> IPv4Facts => _v4.Facts;

    /// <summary>Listed IPv6 addresses as 128-bit numbers, ascending; parallel to <see cref="IPv6Facts"/>.</summary>
    public ReadOnlyMemory<UInt128> IPv6Addresses => _v6.Keys;

    public ReadOnlyMemory<ListingFacts> IPv6Facts => _v6.Facts;

    /// <summary>Listings the arrays have room for (at least <see cref="Count"/>): what the snapshot holds in memory.</summary>
    internal int Capacity => _v4.Capacity + _v6.Capacity;

    public bool TryFind(uint address, out ListingFacts facts) => _v4.TryFind(address, out facts);

    public bool TryFind(UInt128 address, out ListingFacts facts) => _v6.TryFind(address, out facts);

    /// <summary>The same listing under another SOA serial (the arrays are shared, not copied).</summary>
    public ListingSnapshot WithSerial(uint serial) => new(serial, _v4, _v6);

    /// <summary>
    /// This listing with some addresses changed: listed with the given facts, or removed where the facts
    /// are null; the last change of an address wins. One pass over the sorted arrays, no re-sorting.
    /// </summary>
    public ListingSnapshot With(IEnumerable<(IPAddress Address, ListingFacts? Facts)> changes, uint serial)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var v4 = new SortedDictionary<uint, ListingFacts?>();
        var v6 = new SortedDictionary<UInt128, ListingFacts?>();
        foreach (var (address, facts) in changes)
        {
            var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var number = IpNetwork.ToNumber(ip);
            if (ip.AddressFamily == AddressFamily.InterNetwork)
            {
                v4[(uint)number] = facts;
            }
            else
            {
                v6[number] = facts;
            }
        }

        return new ListingSnapshot(serial, _v4.With(v4), _v6.With(v6));
    }
}
