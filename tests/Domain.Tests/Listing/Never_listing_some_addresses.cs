using System.Net;

using Backscatter.Domain.Listing;

using static Backscatter.Domain.Tests.Listing.ListingPolicyScenario;

namespace Backscatter.Domain.Tests.Listing;

public class Never_listing_some_addresses
{
    private static readonly BackscatterSighting[] Plenty = Parse("A@0x50 B@1x50 C@2x50");

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("169.254.10.10")]
    [InlineData("192.0.2.55")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.200")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("2001:db8::25")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:192.0.2.1")]
    public void Should_never_list_special_purpose_addresses(string address)
    {
        var decision = new ListingPolicy(new ListingPolicyOptions()).Evaluate(new ReflectorEvidence(IPAddress.Parse(address), Plenty), Start.AddHours(3));

        Assert.Equal(ListingStatus.NotListable, decision.Status);
        Assert.False(ListingPolicy.IsListable(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.3.1")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Should_list_public_addresses(string address)
    {
        var decision = new ListingPolicy(new ListingPolicyOptions()).Evaluate(new ReflectorEvidence(IPAddress.Parse(address), Plenty), Start.AddHours(3));

        Assert.Equal(ListingStatus.Listed, decision.Status);
    }

    [Theory]
    [InlineData("8.8.4.4", ListingStatus.Allowlisted)]
    [InlineData("8.8.5.1", ListingStatus.Listed)]
    [InlineData("2a00:1450:4001::25", ListingStatus.Allowlisted)]
    [InlineData("2a00:1450:4002::25", ListingStatus.Listed)]
    public void Should_never_list_the_operators_allowlist(string address, ListingStatus expected)
    {
        var options = new ListingPolicyOptions();
        options.Allowlist.Add("8.8.4.0/24");
        options.Allowlist.Add("2a00:1450:4001::/48");

        var decision = new ListingPolicy(options).Evaluate(new ReflectorEvidence(IPAddress.Parse(address), Plenty), Start.AddHours(3));

        Assert.Equal(expected, decision.Status);
    }

    [Fact]
    public void Should_refuse_an_allowlist_entry_that_is_not_a_network()
    {
        var options = new ListingPolicyOptions();
        options.Allowlist.Add("8.8.4.1/24");

        Assert.Throws<FormatException>(() => new ListingPolicy(options));
    }
}
