using Backscatter.Domain.Listing;

using static Backscatter.Domain.Tests.Listing.ListingPolicyScenario;

namespace Backscatter.Domain.Tests.Listing;

public class Expiring_a_listing
{
    private const double Days28 = 28 * 24;

    [Theory]
    [InlineData("A@0 B@1 A@2", 2 + Days28 - 1, ListingStatus.Listed)]
    [InlineData("A@0 B@1 A@2", 2 + Days28, ListingStatus.Expired)]
    [InlineData("A@0 B@1 A@2 C@500", 500 + Days28 - 1, ListingStatus.Listed)]
    [InlineData("A@0 B@1 A@2 C@500", 500 + Days28, ListingStatus.Expired)]
    [InlineData("A@0 B@1 A@2 C@1000", 1000 + 1, ListingStatus.Expired)]
    [InlineData("A@0 B@1 A@2 C@1000 A@1001 B@1002", 1003, ListingStatus.Listed)]
    public void Should_expire_a_lifetime_after_the_last_backscatter(string script, double nowHours, ListingStatus expected)
    {
        Assert.Equal(expected, Evaluate(script, nowHours).Status);
    }

    [Fact]
    public void Should_extend_the_expiry_with_each_message_while_listed()
    {
        var decision = Evaluate("A@0 B@1 A@2 A@600", 601);

        Assert.True(decision.IsListed);
        Assert.Equal(Start.AddHours(600) + TimeSpan.FromDays(28), decision.ExpiresAt);
        Assert.Equal(Start.AddHours(2), decision.ListedSince);
    }

    [Fact]
    public void Should_say_when_an_expired_listing_ended()
    {
        var decision = Evaluate("A@0 B@1 A@2", 2000);

        Assert.Equal(ListingStatus.Expired, decision.Status);
        Assert.Equal(Start.AddHours(2) + TimeSpan.FromDays(28), decision.ExpiresAt);
        Assert.Empty(decision.ReturnCodes);
        Assert.Contains("expired on 2026-11-29 02:00 UTC", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_honour_a_configured_lifetime()
    {
        var options = new ListingPolicyOptions { ListingLifetime = TimeSpan.FromDays(1) };

        Assert.Equal(ListingStatus.Listed, Evaluate("A@0 B@1 A@2", 25, options).Status);
        Assert.Equal(ListingStatus.Expired, Evaluate("A@0 B@1 A@2", 26, options).Status);
    }

    [Fact]
    public void Should_not_count_backscatter_from_before_a_delisting()
    {
        var policy = new ListingPolicy(new ListingPolicyOptions());
        var sightings = Parse("A@0 B@1 A@2");

        var delisted = policy.Evaluate(new ReflectorEvidence(Reflector, sightings, Start.AddHours(3)), Start.AddHours(4));
        var relisted = policy.Evaluate(new ReflectorEvidence(Reflector, [.. sightings, .. Parse("A@5 B@6 C@7")], Start.AddHours(3)), Start.AddHours(8));

        Assert.Equal(ListingStatus.NoEvidence, delisted.Status);
        Assert.Contains("delisted", delisted.Reason, StringComparison.Ordinal);
        Assert.Equal(ListingStatus.Listed, relisted.Status);
    }
}
