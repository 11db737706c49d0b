using System.Net;

using Backscatter.Domain.Listing;

namespace Backscatter.Domain.Tests.Listing;

public class Recording_listing_changes
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Reflector = IPAddress.Parse("8.8.4.4");

    private static ListingDecision Decision(ListingStatus status, params ReturnCode[] codes) => new(
        Reflector, status, codes, Now.AddDays(-1), Now.AddDays(27), 7, 3, Now.AddHours(-1), status.ToString());

    private static ListingRecord Listed(params int[] codes) => new() { Ip = Reflector, IsListed = true, ReturnCodes = codes };

    [Theory]
    [InlineData(false, ListingStatus.Listed, null)]
    [InlineData(false, ListingStatus.BelowThreshold, null)]
    [InlineData(false, ListingStatus.Expired, null)]
    [InlineData(true, ListingStatus.Listed, null)]
    [InlineData(true, ListingStatus.Expired, ListingChange.Expired)]
    [InlineData(true, ListingStatus.BelowThreshold, ListingChange.Expired)]
    [InlineData(true, ListingStatus.Allowlisted, ListingChange.Allowlisted)]
    [InlineData(true, ListingStatus.NotListable, ListingChange.Allowlisted)]
    public void Should_name_the_change_from_the_previous_state_and_the_decision(bool wasListed, ListingStatus status, ListingChange? expected)
    {
        var record = wasListed ? Listed(2) : new ListingRecord { Ip = Reflector };
        var decision = status == ListingStatus.Listed ? Decision(status, ReturnCode.Bounce) : Decision(status);

        var change = record.Apply(decision, Now);

        Assert.Equal(wasListed || status != ListingStatus.Listed ? expected : ListingChange.Listed, change);
        Assert.Equal(status == ListingStatus.Listed, record.IsListed);
    }

    [Fact]
    public void Should_announce_new_return_codes_and_follow_the_counts_while_listed()
    {
        var record = Listed(2);

        var change = record.Apply(Decision(ListingStatus.Listed, ReturnCode.Bounce, ReturnCode.VirusNotice), Now);

        Assert.Equal(ListingChange.CodesChanged, change);
        Assert.Equal([2, 5], record.ReturnCodes);
        Assert.Equal((7, 3, Now.AddDays(27)), (record.MessageCount, record.TenantCount, record.ExpiresAt));
    }

    [Fact]
    public void Should_delist_only_a_listed_reflector_and_remember_when()
    {
        var listed = Listed(2);
        var notListed = new ListingRecord { Ip = Reflector };

        var change = listed.Delist("fixed its recipient checks", Now);

        Assert.Equal(ListingChange.Delisted, change);
        Assert.False(listed.IsListed);
        Assert.Empty(listed.ReturnCodes);
        Assert.Equal(Now, listed.DelistedAt);
        Assert.Equal("Delisted: fixed its recipient checks", listed.Reason);
        Assert.Null(notListed.Delist("anything", Now));
        Assert.Null(notListed.DelistedAt);
    }

    [Fact]
    public void Should_keep_the_history_entry_as_the_listing_was_at_the_time()
    {
        var record = new ListingRecord { Ip = Reflector };
        record.Apply(Decision(ListingStatus.Listed, ReturnCode.Bounce), Now);

        var entry = ListingHistoryEntry.Of(record, ListingChange.Listed, ListingHistoryEntry.PolicyActor, Now);

        Assert.Equal((ListingChange.Listed, 7, 3, "policy"), (entry.Change, entry.MessageCount, entry.TenantCount, entry.Actor));
        Assert.Equal([2], entry.ReturnCodes);
        Assert.Equal("Listed", entry.Reason);
    }
}
