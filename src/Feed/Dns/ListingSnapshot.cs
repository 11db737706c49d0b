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

    /// <summary>The same listing under another SOA serial (the arrays are shared, not copied).</summary>
    public ListingSnapshot WithSerial(uint serial) => new(serial, _v4Keys, _v4Facts, _v6Keys, _v6Facts);

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

        var (v4Keys, v4Facts) = Merge(_v4Keys, _v4Facts, v4);
        var (v6Keys, v6Facts) = Merge(_v6Keys, _v6Facts, v6);
        return new ListingSnapshot(serial, v4Keys, v4Facts, v6Keys, v6Facts);
    }

    private static (TKey[] Keys, ListingFacts[] Facts) Merge<TKey>(TKey[] keys, ListingFacts[] facts, SortedDictionary<TKey, ListingFacts?> changes)
        where TKey : notnull
    {
        if (changes.Count == 0)
        {
            return (keys, facts);
        }

        var mergedKeys = new TKey[keys.Length + changes.Count];
        var mergedFacts = new ListingFacts[mergedKeys.Length];
        var count = 0;
        var from = 0;
        foreach (var (key, change) in changes)
        {
            var found = Array.BinarySearch(keys, from, keys.Length - from, key);
            var end = found >= 0 ? found : ~found;
            Array.Copy(keys, from, mergedKeys, count, end - from);
            Array.Copy(facts, from, mergedFacts, count, end - from);
            count += end - from;
            from = found >= 0 ? found + 1 : end;
            if (change is { } listed)
            {
                mergedKeys[count] = key;
                mergedFacts[count++] = listed;
            }
        }

        Array.Copy(keys, from, mergedKeys, count, keys.Length - from);
        Array.Copy(facts, from, mergedFacts, count, keys.Length - from);
        count += keys.Length - from;
        Array.Resize(ref mergedKeys, count);
        Array.Resize(ref mergedFacts, count);
        return (mergedKeys, mergedFacts);
    }
}
