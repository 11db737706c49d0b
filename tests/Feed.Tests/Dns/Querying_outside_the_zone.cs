using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Querying_outside_the_zone(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("backscatter.test")]
    [InlineData("2.0.0.127.xbl.backscatter.test")]
    [InlineData("2.0.0.127.bl.backscatter.test.evil")]
    public async Task Should_refuse(string name)
    {
        var response = await Client(feed.Port).QueryAsync(name, QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.Refused, response.Header.ResponseCode);
        Assert.False(response.Header.HasAuthorityAnswer);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public async Task Should_refuse_the_chaos_class()
    {
        var response = await Client(feed.Port).QueryAsync(new DnsQuestion("version.bind", QueryType.TXT, QueryClass.CH));

        Assert.Equal(DnsHeaderResponseCode.Refused, response.Header.ResponseCode);
    }
}
