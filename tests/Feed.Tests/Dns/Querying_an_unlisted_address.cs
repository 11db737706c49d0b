using System.Net;

using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Querying_an_unlisted_address(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public async Task Should_answer_NXDOMAIN_with_the_SOA_in_the_authority_section(string address, bool tcp)
    {
        var response = await Client(feed.Port, tcp).QueryAsync(NameOf(IPAddress.Parse(address)), QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        Assert.Empty(response.Answers);
        var soa = Assert.Single(response.Authorities.SoaRecords());
        Assert.Equal(RunningDnsFeed.Zone + ".", soa.DomainName.Value);
        Assert.Equal(RunningDnsFeed.Serial, soa.Serial);
        Assert.Equal("ns1.backscatter.test.", soa.MName.Value);
        Assert.Equal((uint)feed.Options.NegativeTtl, soa.Minimum);
    }

    [Theory]
    [InlineData("4.3.2." + RunningDnsFeed.Zone)]
    [InlineData("256.3.2.1." + RunningDnsFeed.Zone)]
    [InlineData("04.3.2.1." + RunningDnsFeed.Zone)]
    [InlineData("x.4.3.2.1." + RunningDnsFeed.Zone)]
    [InlineData("www." + RunningDnsFeed.Zone)]
    public async Task Should_answer_NXDOMAIN_for_names_that_are_not_addresses(string name)
    {
        var response = await Client(feed.Port).QueryAsync(name, QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Single(response.Authorities.SoaRecords());
    }
}
