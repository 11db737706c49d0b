using System.Net;

using Backscatter.Domain.Net;

namespace Backscatter.Domain.Tests.Net;

public class Parsing_and_matching_networks
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0", true)]
    [InlineData("192.0.2.0/24", "192.0.2.255", true)]
    [InlineData("192.0.2.0/24", "192.0.3.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", true)]
    [InlineData("8.8.8.8", "8.8.8.8", true)]
    [InlineData("8.8.8.8", "8.8.8.9", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::/0", "::1", true)]
    [InlineData("fe80::/10", "febf::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    public void Should_contain_exactly_the_addresses_under_its_prefix(string network, string address, bool expected)
    {
        Assert.Equal(expected, IpNetwork.Parse(network).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("192.0.2.1/24")]
    [InlineData("192.0.2.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("2001:db8::1/64")]
    [InlineData("not-an-address/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public void Should_refuse_text_that_is_not_a_network(string text)
    {
        Assert.False(IpNetwork.TryParse(text, out _));
    }

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    [InlineData("8.8.8.8", "8.8.8.8/32")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    public void Should_print_in_canonical_form(string text, string expected)
    {
        Assert.Equal(expected, IpNetwork.Parse(text).ToString());
    }
}
