using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Querying_the_zone_apex(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public async Task Should_answer_the_SOA_with_the_snapshot_serial()
    {
        var response = await Client(feed.Port).QueryAsync(RunningDnsFeed.Zone, QueryType.SOA);

        var soa = Assert.Single(response.Answers.SoaRecords());
        Assert.Equal(RunningDnsFeed.Serial, soa.Serial);
        Assert.Equal("hostmaster.backscatter.test.", soa.RName.Value);
    }

    [Fact]
    public async Task Should_answer_the_NS_records()
    {
        var response = await Client(feed.Port, tcp: true).QueryAsync(RunningDnsFeed.Zone, QueryType.NS);

        Assert.Equal("ns1.backscatter.test.", Assert.Single(response.Answers.NsRecords()).NSDName.Value);
    }

    [Fact]
    public async Task Should_answer_SOA_and_NS_to_ANY()
    {
        var response = await Client(feed.Port).QueryAsync(RunningDnsFeed.Zone, QueryType.ANY);

        Assert.Single(response.Answers.SoaRecords());
        Assert.Single(response.Answers.NsRecords());
    }

    [Fact]
    public async Task Should_answer_NODATA_for_an_address_record()
    {
        var response = await Client(feed.Port).QueryAsync(RunningDnsFeed.Zone, QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Single(response.Authorities.SoaRecords());
    }
}
