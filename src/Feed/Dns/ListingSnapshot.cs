namespace Backscatter.Feed.Dns;

/// <summary>
/// The listed addresses at one moment, immutable, so that the DNS threads read it without locks and a
/// new one replaces it in one reference swap. Sorted arrays keep it compact (20 bytes per IPv4 listing)
/// and binary search needs no hashing or allocation.
/// </summary>
public sealed class ListingSnapshot
{
    private readonly uint[] _v4Keys;
    private readonly ListingFacts[] _v4Facts;
    private readonly UInt128[] _v6Keys;
    private readonly ListingFacts[] _v6Facts;

    /// <param name="serial">The SOA serial of the zone while this snapshot is served.</param>
    /// <remarks>The arrays must be sorted by key without duplicates; <see cref="ListingSnapshotBuilder"/> makes them so.</remarks>
    internal ListingSnapshot(uint serial, uint[] v4Keys, ListingFacts[] v4Facts, UInt128[] v6Keys, ListingFacts[] v6Facts)
    {
        Serial = serial;
        _v4Keys = v4Keys;
        _v4Facts = v4Facts;
        _v6Keys = v6Keys;
        _v6Facts = v6Facts;
    }

    public static ListingSnapshot Empty { get; } = new(1, [], [], [], []);

    public uint Serial { get; }

    public int Count => _v4Keys.Length + _v6Keys.Length;

    /// <summary>Listed IPv4 addresses as numbers (a.b.c.d = a&lt;&lt;24 | ...), ascending; parallel to <see cref="IPv4Facts"/>.</summary>
    public ReadOnlyMemory<uint> IPv4Addresses => _v4Keys;

    public ReadOnlyMemory<ListingFacts> IPv4Facts => _v4Facts;

    /// <summary>Listed IPv6 addresses as 128-bit numbers, ascending; parallel to <see cref="IPv6Facts"/>.</summary>
    public ReadOnlyMemory<UInt128> IPv6Addresses => _v6Keys;

    public ReadOnlyMemory<ListingFacts> IPv6Facts => _v6Facts;

    public bool TryFind(uint address, out ListingFacts facts)
    {
        var index = Array.BinarySearch(_v4Keys, address);
        facts = index >= 0 ? _v4Facts[index] : default;
        return index >= 0;
    }

    public bool TryFind(UInt128 address, out ListingFacts facts)
    {
        var index = Array.BinarySearch(_v6Keys, address);
        facts = index >= 0 ? _v6Facts[index] : default;
        return index >= 0;
    }
}
