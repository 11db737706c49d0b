using System.Buffers.Binary;

using Backscatter.Feed.Dns;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Using_EDNS(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public async Task Should_echo_an_OPT_record_with_the_servers_payload_size()
    {
        var answer = await SendUdpAsync(feed.Port, Query(NameOf(RunningDnsFeed.Bouncer), 1, ednsPayload: 4096));

        Assert.NotNull(answer);
        Assert.Equal(1, Count(answer, 3));
        var opt = answer.AsSpan(answer.Length - 11);
        Assert.Equal(0, opt[0]);
        Assert.Equal(41, BinaryPrimitives.ReadUInt16BigEndian(opt[1..]));
        Assert.Equal(feed.Options.MaxUdpPayload, BinaryPrimitives.ReadUInt16BigEndian(opt[3..]));
    }

    [Fact]
    public async Task Should_not_add_OPT_when_the_query_had_none()
    {
        var answer = await SendUdpAsync(feed.Port, Query(NameOf(RunningDnsFeed.Bouncer), 1));

        Assert.NotNull(answer);
        Assert.Equal(0, Count(answer, 3));
    }

    [Fact]
    public async Task Should_answer_BADVERS_to_an_unknown_EDNS_version()
    {
        var query = Query(NameOf(RunningDnsFeed.Bouncer), 1, ednsPayload: 1232);
        query[^5] = 1; // the OPT version byte

        var answer = await SendUdpAsync(feed.Port, query);

        Assert.NotNull(answer);
        Assert.Equal(0, ResponseCode(answer));
        Assert.Equal(1, answer[^6]); // extended RCODE 1 with header RCODE 0 is BADVERS (16)
    }

    [Fact]
    public void Should_fit_512_bytes_without_EDNS_and_set_TC_when_it_does_not()
    {
        var options = new DnsFeedOptions { LookupUrlTemplate = "http://127.0.0.1:5080/" + new string('x', 300) + "/{ip}" };
        var responder = new DnsResponder(options, new ActiveListing(RunningDnsFeed.BuildSnapshot(1)));
        var buffer = new byte[DnsResponder.MaxResponseSize];

        var plain = responder.Respond(Query(NameOf(RunningDnsFeed.Everything), 255), buffer, overTcp: false);
        var plainTruncated = (buffer[2] & 0x02) != 0;
        var plainAnswers = Count(buffer, 1);
        var withEdns = responder.Respond(Query(NameOf(RunningDnsFeed.Everything), 255, ednsPayload: 1232), buffer, overTcp: false);

        Assert.InRange(plain, 12, 512);
        Assert.True(plainTruncated);
        Assert.Equal(0, plainAnswers);
        Assert.InRange(withEdns, 513, 1232);
        Assert.Equal(0, buffer[2] & 0x02);
        Assert.Equal(4, Count(buffer, 1));
    }

    [Fact]
    public void Should_not_exceed_512_bytes_when_the_client_offers_less()
    {
        var options = new DnsFeedOptions { LookupUrlTemplate = "http://127.0.0.1:5080/" + new string('x', 300) + "/{ip}" };
        var responder = new DnsResponder(options, new ActiveListing(RunningDnsFeed.BuildSnapshot(1)));
        var buffer = new byte[DnsResponder.MaxResponseSize];

        var length = responder.Respond(Query(NameOf(RunningDnsFeed.Everything), 255, ednsPayload: 100), buffer, overTcp: false);

        Assert.InRange(length, 12, 512);
        Assert.NotEqual(0, buffer[2] & 0x02);
    }
}
