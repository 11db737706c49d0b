namespace Backscatter.Feed.Dns;

/// <summary>
/// The listings of one address family: keys ascending without duplicates and their facts, in the first
/// <see cref="Count"/> places of two arrays that may be longer. The arrays are the builder's own, sorted in
/// place; copying them to their exact length would double a reload's memory for a moment (a million
/// listings are 20 MB). Nothing writes to them once they are here.
/// </summary>
internal readonly struct SortedListings<TKey>
    where TKey : IComparable<TKey>, IEquatable<TKey>
{
    private readonly TKey[] _keys;
    private readonly ListingFacts[] _facts;

    public SortedListings(TKey[] keys, ListingFacts[] facts, int count)
    {
        if (facts.Length < count || keys.Length < count || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The arrays must hold count listings.");
        }

        _keys = keys;
        _facts = facts;
        Count = count;
    }

    public static SortedListings<TKey> Empty => new([], [], 0);

    public int Count { get; }

    /// <summary>How many listings the arrays have room for; the rest of them is slack, never read.</summary>
    public int Capacity => _keys.Length;

    public ReadOnlyMemory<TKey> Keys => new(_keys, 0, Count);

    public ReadOnlyMemory<ListingFacts> Facts => new(_facts, 0, Count);

    public bool TryFind(TKey key, out ListingFacts facts)
    {
        var index = Array.BinarySearch(_keys, 0, Count, key);
        facts = index >= 0 ? _facts[index] : default;
        return index >= 0;
    }

    /// <summary>
    /// Sorts the first <paramref name="count"/> entries of the arrays in place and merges the entries of one
    /// address (one zone line per return code) into one listing with all its codes.
    /// </summary>
    public static SortedListings<TKey> SortInPlace(TKey[] keys, ListingFacts[] facts, int count)
    {
        Array.Sort(keys, facts, 0, count);
        var merged = 0;
        for (var i = 0; i < count; i++)
        {
            if (merged > 0 && keys[merged - 1].Equals(keys[i]))
            {
                facts[merged - 1] = facts[merged - 1].Merge(facts[i]);
                continue;
            }

            keys[merged] = keys[i];
            facts[merged] = facts[i];
            merged++;
        }

        return new SortedListings<TKey>(keys, facts, merged).Trimmed();
    }

    /// <summary>
    /// These listings with changes applied (null facts remove the address), in one pass without re-sorting.
    /// Unchanged listings share these arrays.
    /// </summary>
    public SortedListings<TKey> With(SortedDictionary<TKey, ListingFacts?> changes)
    {
        if (changes.Count == 0)
        {
            return this;
        }

        var mergedKeys = new TKey[Count + changes.Count];
        var mergedFacts = new ListingFacts[mergedKeys.Length];
        var merged = 0;
        var from = 0;
        foreach (var (key, change) in changes)
        {
            var found = Array.BinarySearch(_keys, from, Count - from, key);
            var end = found >= 0 ? found : ~found;
            Array.Copy(_keys, from, mergedKeys, merged, end - from);
            Array.Copy(_facts, from, mergedFacts, merged, end - from);
            merged += end - from;
            from = found >= 0 ? found + 1 : end;
            if (change is { } listed)
            {
                mergedKeys[merged] = key;
                mergedFacts[merged++] = listed;
            }
        }

        Array.Copy(_keys, from, mergedKeys, merged, Count - from);
        Array.Copy(_facts, from, mergedFacts, merged, Count - from);
        merged += Count - from;
        return new SortedListings<TKey>(mergedKeys, mergedFacts, merged).Trimmed();
    }

    /// <summary>
    /// Copied to their exact length only when more than a quarter of the arrays is slack: the copy costs
    /// memory for a moment, the slack for as long as the snapshot is served.
    /// </summary>
    private SortedListings<TKey> Trimmed()
    {
        if (Count >= Capacity - (Capacity / 4))
        {
            return this;
        }

        return new SortedListings<TKey>(_keys[..Count], _facts[..Count], Count);
    }
}
