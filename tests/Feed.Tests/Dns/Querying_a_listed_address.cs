using System.Net;

using DnsClient;
using DnsClient.Protocol;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Querying_a_listed_address(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_answer_the_return_code_of_its_behaviour(bool tcp)
    {
        var response = await Client(feed.Port, tcp).QueryAsync(NameOf(RunningDnsFeed.Bouncer), QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        var record = Assert.Single(response.Answers.ARecords());
        Assert.Equal(IPAddress.Parse("127.0.0.2"), record.Address);
        Assert.Equal(feed.Options.Ttl, record.InitialTimeToLive);
    }

    [Fact]
    public async Task Should_answer_one_A_record_per_behaviour()
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Everything), QueryType.A);

        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.5"], response.Answers.ARecords().Select(a => a.Address.ToString()).Order());
    }

    [Fact]
    public async Task Should_explain_the_listing_in_TXT_with_the_lookup_url()
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Bouncer), QueryType.TXT);

        var txt = Assert.Single(response.Answers.TxtRecords());
        Assert.Equal(
            "93.184.216.34 reflected 17 backscatter messages to 3 networks, last seen 2026-11-20; see http://127.0.0.1:5080/lookup/93.184.216.34",
            string.Concat(txt.Text));
        Assert.Empty(response.Answers.ARecords());
    }

    [Fact]
    public async Task Should_answer_A_and_TXT_to_ANY()
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Everything), QueryType.ANY);

        Assert.Equal(3, response.Answers.ARecords().Count());
        Assert.Single(response.Answers.TxtRecords());
    }

    [Fact]
    public async Task Should_answer_NODATA_with_the_SOA_for_other_types()
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Bouncer), QueryType.AAAA);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Equal(RunningDnsFeed.Serial, Assert.Single(response.Authorities.SoaRecords()).Serial);
    }

    [Fact]
    public async Task Should_match_the_zone_in_any_case_and_echo_the_question_as_asked()
    {
        var name = NameOf(RunningDnsFeed.Bouncer).Replace("bl.backscatter", "Bl.BackScatter", StringComparison.Ordinal);

        var answer = await SendUdpAsync(feed.Port, Query(name, 1));

        Assert.NotNull(answer);
        Assert.Equal(0, ResponseCode(answer));
        Assert.Equal(1, Count(answer, 1));
        Assert.Contains("BackScatter"u8.ToArray(), SplitAt(answer, 12));
    }

    [Fact]
    public async Task Should_answer_IPv6_addresses_by_their_nibbles()
    {
        var client = Client(feed.Port);

        var a = await client.QueryAsync(NameOf(RunningDnsFeed.Challenger), QueryType.A);
        var txt = await client.QueryAsync(NameOf(RunningDnsFeed.Challenger), QueryType.TXT);

        Assert.Equal(IPAddress.Parse("127.0.0.4"), Assert.Single(a.Answers.ARecords()).Address);
        Assert.Equal(
            "2a00:1450:4001:81c::200e reflected 4 backscatter messages to 2 networks, last seen 2026-11-20; see http://127.0.0.1:5080/lookup/2a00:1450:4001:81c::200e",
            string.Concat(Assert.Single(txt.Answers.TxtRecords()).Text));
    }

    [Fact]
    public async Task Should_accept_upper_case_nibbles()
    {
        var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Challenger).Replace('e', 'E'), QueryType.A);

        Assert.Single(response.Answers.ARecords());
    }

    private static byte[][] SplitAt(byte[] answer, int offset)
    {
        // The labels of the echoed question, to find the original spelling.
        var labels = new List<byte[]>();
        for (var position = offset; answer[position] != 0; position += answer[position] + 1)
        {
            labels.Add(answer[(position + 1)..(position + 1 + answer[position])]);
        }

        return [.. labels];
    }
}
