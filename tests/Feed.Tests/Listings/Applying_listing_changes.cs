using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Net;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;

using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Feed.Tests.Listings;

public sealed class Applying_listing_changes
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Kept = IPAddress.Parse("5.6.7.8");
    private static readonly IPAddress Dropped = IPAddress.Parse("93.184.216.34");
    private static readonly IPAddress Added = IPAddress.Parse("81.2.69.160");
    private static readonly IPAddress AddedV6 = IPAddress.Parse("2a00:1450:4001:81c::200e");

    private static ListingChanged Change(IPAddress ip, bool listed, params int[] codes) => Change(ip, listed, Now, codes);

    private static ListingChanged Change(IPAddress ip, bool listed, DateTimeOffset at, params int[] codes) =>
        new(ip, listed ? "Listed" : "Expired", listed, codes, listed ? 3 : 0, listed ? 2 : 0, at, at, at.AddDays(28), at);

    private static ListingSnapshot Initial(uint serial) => new ListingSnapshotBuilder()
        .Add(Kept, new ListingFacts(1u << 2, 17, 3, 1))
        .Add(Dropped, new ListingFacts(1u << 2, 4, 2, 1))
        .Build(serial);

    private static bool Has(ListingSnapshot snapshot, IPAddress ip, out ListingFacts facts) =>
        ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? snapshot.TryFind((uint)IpNetwork.ToNumber(ip), out facts)
            : snapshot.TryFind(IpNetwork.ToNumber(ip), out facts);

    [Fact]
    public void Should_add_replace_and_remove_single_addresses_and_keep_the_rest()
    {
        var before = Initial(7);

        var after = before.With(
            [
                (Added, new ListingFacts(1u << 3, 3, 2, 1)),
                (Dropped, null),
                (AddedV6, new ListingFacts(1u << 4, 3, 2, 1)),
                (IPAddress.Parse("::ffff:5.6.7.8"), new ListingFacts(1u << 5, 18, 3, 2)),
            ],
            8);

        Assert.Equal(8u, after.Serial);
        Assert.Equal(3, after.Count);
        Assert.True(Has(after, Added, out var added) && added.CodeMask == 1u << 3);
        Assert.True(Has(after, AddedV6, out var v6) && v6.CodeMask == 1u << 4);
        Assert.True(Has(after, Kept, out var kept) && kept is { CodeMask: 1u << 5, Messages: 18 });
        Assert.False(Has(after, Dropped, out _));
        Assert.True(Has(before, Dropped, out _), "The old snapshot must stay as it was: DNS threads may still read it.");
        Assert.Equal([(uint)IpNetwork.ToNumber(Kept), (uint)IpNetwork.ToNumber(Added)], after.IPv4Addresses.ToArray().Order());
    }

    [Fact]
    public void Should_answer_a_change_at_once_with_a_higher_serial()
    {
        var listing = new ActiveListing(Initial(serial: (uint)Now.ToUnixTimeSeconds() + 5));
        var updates = new ListingUpdates(listing, new FakeTimeProvider(Now));

        updates.Apply([Change(Added, listed: true, 2, 3)]);
        updates.Apply([Change(Dropped, listed: false)]);

        Assert.True(Has(listing.Current, Added, out var facts));
        Assert.Equal((1u << 2) | (1u << 3), facts.CodeMask);
        Assert.False(Has(listing.Current, Dropped, out _));
        Assert.Equal((uint)Now.ToUnixTimeSeconds() + 7, listing.Current.Serial);
    }

    [Fact]
    public void Should_keep_the_changes_that_arrived_while_a_reconciliation_was_loading()
    {
        var listing = new ActiveListing(Initial(1));
        var updates = new ListingUpdates(listing, new FakeTimeProvider(Now));
        updates.Apply([Change(Kept, listed: true, 2)]);
        var mark = updates.Mark();
        // Loaded from the database before the next two changes were committed.
        var loaded = Initial((uint)Now.ToUnixTimeSeconds());
        updates.Apply([Change(Added, listed: true, 2)]);
        updates.Apply([Change(Dropped, listed: false)]);

        var serialBefore = listing.Current.Serial;
        var replaced = updates.Replace(loaded, mark);

        Assert.Same(replaced, listing.Current);
        Assert.True(Has(replaced, Added, out _));
        Assert.False(Has(replaced, Dropped, out _));
        Assert.True(Has(replaced, Kept, out _));
        Assert.True(replaced.Serial > serialBefore);
    }

    [Fact]
    public void Should_keep_the_later_decision_when_two_changes_arrive_out_of_order()
    {
        var listing = new ActiveListing(Initial(1));
        var updates = new ListingUpdates(listing, new FakeTimeProvider(Now));

        updates.Apply([Change(Added, listed: true, Now.AddSeconds(2), 2, 5)]);
        updates.Apply([Change(Added, listed: true, Now.AddSeconds(1), 2)]);

        Assert.True(Has(listing.Current, Added, out var facts));
        Assert.Equal((1u << 2) | (1u << 5), facts.CodeMask);
    }

    [Fact]
    public void Should_apply_a_batch_in_one_new_snapshot_with_the_latest_change_of_each_address()
    {
        var listing = new ActiveListing(Initial((uint)Now.ToUnixTimeSeconds()));
        var updates = new ListingUpdates(listing, new FakeTimeProvider(Now));

        updates.Apply(
        [
            Change(Added, listed: false, Now.AddSeconds(3)),
            Change(Added, listed: true, Now.AddSeconds(1), 2),
            Change(AddedV6, listed: true, Now.AddSeconds(1), 4),
            Change(Dropped, listed: false, Now.AddSeconds(2)),
        ]);

        Assert.False(Has(listing.Current, Added, out _));
        Assert.True(Has(listing.Current, AddedV6, out _));
        Assert.False(Has(listing.Current, Dropped, out _));
        Assert.True(Has(listing.Current, Kept, out _));
        Assert.Equal((uint)Now.ToUnixTimeSeconds() + 1, listing.Current.Serial);
    }
}
