using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Net;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Collects listings in any order, then sorts them once, in place, into a <see cref="ListingSnapshot"/>:
/// the arrays it fills become the snapshot's, so a builder builds one snapshot.
/// </summary>
public sealed class ListingSnapshotBuilder
{
    private Entries<uint> _v4;
    private Entries<UInt128> _v6 = new(0);
    private bool _built;

    /// <param name="expectedIPv4">
    /// How many IPv4 listings to make room for. Past it the arrays grow by a quarter at a time (an estimate
    /// is near the truth); without it they double.
    /// </param>
    public ListingSnapshotBuilder(int expectedIPv4 = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedIPv4);
        _v4 = new Entries<uint>(expectedIPv4);
    }

    public int Count => _v4.Count + _v6.Count;

    public ListingSnapshotBuilder Add(uint address, ListingFacts facts)
    {
        ThrowIfBuilt();
        _v4.Add(address, facts);
        return this;
    }

    public ListingSnapshotBuilder Add(UInt128 address, ListingFacts facts)
    {
        ThrowIfBuilt();
        _v6.Add(address, facts);
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

    /// <summary>Sorts what was added into a snapshot that owns the builder's arrays; the builder is done after it.</summary>
    public ListingSnapshot Build(uint serial)
    {
        ThrowIfBuilt();
        _built = true;
        return new ListingSnapshot(serial, _v4.Sort(), _v6.Sort());
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has built its snapshot; the snapshot owns its arrays now.");
        }
    }

    /// <summary>Keys and facts in the order added, in arrays that grow.</summary>
    private struct Entries<TKey>(int capacity)
        where TKey : IComparable<TKey>, IEquatable<TKey>
    {
        private readonly bool _estimated = capacity > 0;
        private TKey[] _keys = capacity > 0 ? new TKey[capacity] : [];
        private ListingFacts[] _facts = capacity > 0 ? new ListingFacts[capacity] : [];

        public int Count { get; private set; }

        public void Add(TKey key, ListingFacts facts)
        {
            // The lines of one address follow each other in the feed's own files (one per return code):
            // merged here they need no room, so room for the listings is enough.
            if (Count > 0 && _keys[Count - 1].Equals(key))
            {
                _facts[Count - 1] = _facts[Count - 1].Merge(facts);
                return;
            }

            if (Count == _keys.Length)
            {
                Grow();
            }

            _keys[Count] = key;
            _facts[Count] = facts;
            Count++;
        }

        public readonly SortedListings<TKey> Sort() => SortedListings<TKey>.SortInPlace(_keys, _facts, Count);

        private void Grow()
        {
            var capacity = _keys.Length == 0 ? 64 : _keys.Length + (_estimated ? Math.Max(_keys.Length / 4, 64) : _keys.Length);
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _facts, capacity);
        }
    }
}
