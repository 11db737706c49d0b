using Backscatter.Domain.Listing;

using static Backscatter.Domain.Tests.Listing.ListingPolicyScenario;

namespace Backscatter.Domain.Tests.Listing;

public class Evaluating_the_thresholds
{
    [Theory]
    [InlineData("A@0 B@1 A@2", 3, ListingStatus.Listed)]
    [InlineData("A@0 B@1", 3, ListingStatus.BelowThreshold)]
    [InlineData("A@0 A@1 A@2", 3, ListingStatus.BelowThreshold)]
    [InlineData("A@0x19", 1, ListingStatus.BelowThreshold)]
    [InlineData("A@0x20", 1, ListingStatus.Listed)]
    [InlineData("A@0x10 A@100x10", 101, ListingStatus.Listed)]
    [InlineData("A@0 B@1 C@168", 169, ListingStatus.Listed)]
    [InlineData("A@0 B@1 C@169.5", 170, ListingStatus.BelowThreshold)]
    [InlineData("A@0x10 A@169x10", 170, ListingStatus.BelowThreshold)]
    [InlineData("", 1, ListingStatus.NoEvidence)]
    public void Should_list_only_when_the_window_reaches_a_threshold(string script, double nowHours, ListingStatus expected)
    {
        Assert.Equal(expected, Evaluate(script, nowHours).Status);
    }

    [Fact]
    public void Should_ignore_backscatter_that_arrives_after_now()
    {
        Assert.Equal(ListingStatus.BelowThreshold, Evaluate("A@0 B@1 C@5", 2).Status);
    }

    [Fact]
    public void Should_use_configured_thresholds()
    {
        var options = new ListingPolicyOptions { MinimumMessagesAcrossTenants = 5, MinimumTenants = 3, MinimumMessagesFromOneTenant = 4 };

        Assert.Equal(ListingStatus.BelowThreshold, Evaluate("A@0 B@1 C@2 A@3", 4, options).Status);
        Assert.Equal(ListingStatus.Listed, Evaluate("A@0 B@1 C@2 A@3 B@3", 4, options).Status);
        Assert.Equal(ListingStatus.Listed, Evaluate("A@0x4", 1, options).Status);
    }

    [Fact]
    public void Should_count_messages_and_networks_of_the_listing()
    {
        var decision = Evaluate("A@0 B@1 A@2x4 C@30", 31);

        Assert.True(decision.IsListed);
        Assert.Equal(7, decision.MessageCount);
        Assert.Equal(3, decision.TenantCount);
        Assert.Equal(Start.AddHours(2), decision.ListedSince);
        Assert.Equal(Start.AddHours(30), decision.LastSeen);
        Assert.Contains("7 backscatter message(s) to 3 network(s)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_explain_what_is_missing_below_the_threshold()
    {
        var decision = Evaluate("A@0 B@1", 2);

        Assert.Equal(2, decision.MessageCount);
        Assert.Equal(2, decision.TenantCount);
        Assert.Contains("listing needs 3 seen by 2 networks or 20 seen by one", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(decision.ReturnCodes);
        Assert.Null(decision.ExpiresAt);
    }
}
