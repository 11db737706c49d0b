using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Net;

namespace Backscatter.Feed.Dns;

/// <summary>Collects listings in any order, then sorts them once into a <see cref="ListingSnapshot"/>.</summary>
public sealed class ListingSnapshotBuilder
{
    private readonly List<uint> _v4Keys = [];
    private readonly List<ListingFacts> _v4Facts = [];
    private readonly List<UInt128> _v6Keys = [];
    private readonly List<ListingFacts> _v6Facts = [];

    public ListingSnapshotBuilder(int expectedIPv4 = 0)
    {
        _v4Keys.Capacity = expectedIPv4;
        _v4Facts.Capacity = expectedIPv4;
    }

    public int Count => _v4Keys.Count + _v6Keys.Count;

    public ListingSnapshotBuilder Add(uint address, ListingFacts facts)
    {
        _v4Keys.Add(address);
        _v4Facts.Add(facts);
        return this;
    }

    public ListingSnapshotBuilder Add(UInt128 address, ListingFacts facts)
    {
        _v6Keys.Add(address);
        _v6Facts.Add(facts);
        return this;
    }

    /// <summary>Adds an address of either family; an IPv4-mapped IPv6 address is listed as the IPv4 address it carries.</summary>
    public ListingSnapshotBuilder Add(IPAddress address, ListingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var number = IpNetwork.ToNumber(address);
        return address.AddressFamily == AddressFamily.InterNetwork ? Add((uint)number, facts) : Add(number, facts);
    }

    /// <summary>Adds a listed decision; decisions that are not listed are ignored.</summary>
    public ListingSnapshotBuilder Add(ListingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.IsListed ? Add(decision.Reflector, ListingFacts.From(decision)) : this;
    }

    public ListingSnapshot Build(uint serial)
    {
        var (v4Keys, v4Facts) = SortAndMerge(_v4Keys, _v4Facts);
        var (v6Keys, v6Facts) = SortAndMerge(_v6Keys, _v6Facts);
        return new ListingSnapshot(serial, v4Keys, v4Facts, v6Keys, v6Facts);
    }

    private static (TKey[] Keys, ListingFacts[] Facts) SortAndMerge<TKey>(List<TKey> keyList, List<ListingFacts> factList)
        where TKey : IEquatable<TKey>
    {
        var keys = keyList.ToArray();
        var facts = factList.ToArray();
        Array.Sort(keys, facts);
        var count = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            // The same address twice (one zone line per return code) becomes one listing with both codes.
            if (count > 0 && keys[count - 1].Equals(keys[i]))
            {
                facts[count - 1] = facts[count - 1].Merge(facts[i]);
                continue;
            }

            keys[count] = keys[i];
            facts[count] = facts[i];
            count++;
        }

        if (count < keys.Length)
        {
            Array.Resize(ref keys, count);
            Array.Resize(ref facts, count);
        }

        return (keys, facts);
    }
}
