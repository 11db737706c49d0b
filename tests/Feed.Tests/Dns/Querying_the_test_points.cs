using System.Net;

using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Querying_the_test_points(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("::ffff:7f00:2")]
    public async Task Should_always_list_the_positive_test_point(string address)
    {
        var client = Client(feed.Port);

        var a = await client.QueryAsync(NameOf(IPAddress.Parse(address)), QueryType.A);
        var txt = await client.QueryAsync(NameOf(IPAddress.Parse(address)), QueryType.TXT);

        Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.Single(a.Answers.ARecords()).Address);
        Assert.Contains("test point", string.Concat(Assert.Single(txt.Answers.TxtRecords()).Text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:7f00:1")]
    public async Task Should_never_list_the_negative_test_point_even_when_the_listing_has_it(string address)
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(IPAddress.Parse(address)), QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
    }

    [Fact]
    public async Task Should_list_the_test_point_with_an_empty_listing()
    {
        await using var server = new Backscatter.Feed.Dns.DnsServer(
            new Backscatter.Feed.Dns.DnsFeedOptions { Port = 0 }, new Backscatter.Feed.Dns.ActiveListing(), TestMeters.NewDnsMetrics(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Backscatter.Feed.Dns.DnsServer>.Instance);
        server.Start();

        var response = await Client(server.Port).QueryAsync("2.0.0.127." + RunningDnsFeed.Zone, QueryType.A);

        Assert.Single(response.Answers.ARecords());
    }
}
