using System.Net;

using Backscatter.Domain.Net;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Zones;

namespace Backscatter.Feed.Tests.Dns;

/// <summary>
/// The builder sorts its own arrays and hands them to the snapshot, so after duplicates are merged the
/// arrays are longer than the listings: nothing past the listings may ever be answered, exported or merged.
/// </summary>
public class Building_a_snapshot_in_place
{
    private const uint Base = 0x5DB8D800; // 93.184.216.0

    /// <summary>
    /// Twelve zone lines for ten addresses, the second lines of two addresses far from their first, so that
    /// only the sort brings them together: ten listings in arrays of twelve. The two spare places keep what
    /// the sort left there: the highest address twice, each time with the facts of one of its lines only.
    /// </summary>
    private static ListingSnapshot TenListingsInArraysOfTwelve(out Dictionary<uint, ListingFacts> expected)
    {
        var lines = new (uint Address, ListingFacts Facts)[]
        {
            (Base + 10, Facts(2, 5)), (Base + 3, Facts(2, 4)), (Base + 7, Facts(2, 9)), (Base + 1, Facts(2, 3)),
            (Base + 5, Facts(3, 8)), (Base + 2, Facts(2, 3)), (Base + 8, Facts(4, 3)), (Base + 4, Facts(2, 3)),
            (Base + 6, Facts(2, 6)), (Base + 10, Facts(3, 7)), (Base + 1, Facts(5, 3)), (Base + 9, Facts(4, 2)),
        };
        expected = lines.GroupBy(l => l.Address).ToDictionary(g => g.Key, g => g.Select(l => l.Facts).Aggregate((a, b) => a.Merge(b)));
        var builder = new ListingSnapshotBuilder(expectedIPv4: lines.Length);
        foreach (var (address, facts) in lines)
        {
            builder.Add(address, facts);
        }

        return builder.Build(7);
    }

    private static ListingFacts Facts(int code, int messages) => new(1u << code, messages, 2, new DateOnly(2026, 11, 20).DayNumber);

    [Fact]
    public void Should_merge_the_lines_of_one_address_in_the_builders_own_arrays()
    {
        var snapshot = TenListingsInArraysOfTwelve(out var expected);

        Assert.Equal(10, snapshot.Count);
        Assert.Equal(12, snapshot.Capacity);
        Assert.Equal(expected.Keys.Order(), snapshot.IPv4Addresses.ToArray());
        Assert.Equal(expected.OrderBy(e => e.Key).Select(e => e.Value), snapshot.IPv4Facts.ToArray());
        Assert.Equal(new ListingFacts((1u << 2) | (1u << 3), 7, 2, new DateOnly(2026, 11, 20).DayNumber), expected[Base + 10]);
    }

    [Fact]
    public void Should_find_every_listing_with_its_merged_facts_and_nothing_past_them()
    {
        var snapshot = TenListingsInArraysOfTwelve(out var expected);

        foreach (var (address, facts) in expected)
        {
            Assert.True(snapshot.TryFind(address, out var found), $"{address:X8} should be listed");
            Assert.Equal(facts, found);
        }

        Assert.False(snapshot.TryFind(0u, out _));
        Assert.False(snapshot.TryFind(Base, out _));
        Assert.False(snapshot.TryFind(Base + 11, out _));
        Assert.False(snapshot.TryFind(uint.MaxValue, out _));
    }

    [Fact]
    public async Task Should_export_exactly_the_listings_one_line_per_code()
    {
        var snapshot = TenListingsInArraysOfTwelve(out var expected);
        using var writer = new StringWriter { NewLine = "\n" };

        await RbldnsdZoneWriter.WriteAsync(snapshot, RbldnsdDataset.Ip4Set, new DnsFeedOptions(), writer, CancellationToken.None);

        var listed = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => char.IsAsciiDigit(l[0]) && !l.StartsWith("127.0.0.2 ", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)])
            .ToList();
        var lines = expected.SelectMany(e => Enumerable.Repeat(IpNetwork.ToAddress(System.Net.Sockets.AddressFamily.InterNetwork, e.Key).ToString(), System.Numerics.BitOperations.PopCount(e.Value.CodeMask)));
        Assert.Equal(lines.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_apply_changes_to_the_listings_only_and_leave_the_snapshot_as_it_was()
    {
        var before = TenListingsInArraysOfTwelve(out var expected);
        var added = IPAddress.Parse("93.184.216.200");
        var removed = IpNetwork.ToAddress(System.Net.Sockets.AddressFamily.InterNetwork, Base + 10);

        var after = before.With([(added, Facts(2, 3)), (removed, null)], 8);

        Assert.Equal(10, after.Count);
        Assert.Equal(expected.Keys.Where(k => k != Base + 10).Append(Base + 200).Order(), after.IPv4Addresses.ToArray());
        Assert.False(after.TryFind(Base + 10, out _));
        Assert.True(after.TryFind(Base + 200, out _));
        Assert.True(before.TryFind(Base + 10, out var stillThere) && stillThere == expected[Base + 10]);
        Assert.Equal(10, before.Count);
        Assert.Equal(expected.Keys.Order(), before.IPv4Addresses.ToArray());
    }

    [Fact]
    public void Should_keep_the_snapshot_as_built_however_the_builder_is_used_afterwards()
    {
        var builder = new ListingSnapshotBuilder(expectedIPv4: 4).Add(Base + 1, Facts(2, 3)).Add(Base + 2, Facts(2, 3)).Add(Base + 3, Facts(2, 3));
        var snapshot = builder.Build(1);

        Assert.Throws<InvalidOperationException>(() => builder.Add(Base, Facts(2, 3)));
        Assert.Throws<InvalidOperationException>(() => builder.Build(2));
        Assert.Equal([Base + 1, Base + 2, Base + 3], snapshot.IPv4Addresses.ToArray());
    }

    [Fact]
    public void Should_copy_the_listings_to_arrays_of_their_size_when_more_than_a_quarter_would_be_spare()
    {
        var builder = new ListingSnapshotBuilder(expectedIPv4: 1000);
        for (var i = 0u; i < 700; i++)
        {
            builder.Add(Base + i, Facts(2, 3));
        }

        var snapshot = builder.Build(1);

        Assert.Equal(700, snapshot.Count);
        Assert.Equal(700, snapshot.Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Should_make_room_past_the_expected_listings_by_a_quarter_and_without_it_by_doubling(int expected)
    {
        var builder = new ListingSnapshotBuilder(expectedIPv4: expected);
        // Descending, so that every address goes through the sort.
        for (var i = 1000u; i > 0; i--)
        {
            builder.Add(Base + i, Facts(2, 3));
        }

        var snapshot = builder.Build(1);

        Assert.Equal(1000, snapshot.Count);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => Base + (uint)i), snapshot.IPv4Addresses.ToArray());
        // 100 grown by a quarter, at least 64 at a time: 164, 228, 292, 365, 456, 570, 712, 890, 1112.
        // Doubled from 64: 128, ..., 1024.
        Assert.Equal(expected == 0 ? 1024 : 1112, snapshot.Capacity);
    }
}
