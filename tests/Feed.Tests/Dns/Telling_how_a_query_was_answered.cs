using System.Net;

using Backscatter.Feed.Dns;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

/// <summary>What the responder tells its transports about each answer, for the query counts (<see cref="DnsMetrics"/>).</summary>
public class Telling_how_a_query_was_answered
{
    public static TheoryData<string, byte[], DnsAnswer> Queries
    {
        get
        {
            var badVersion = Query(NameOf(RunningDnsFeed.Bouncer), 1, ednsPayload: 1232);
            badVersion[^5] = 1; // the OPT version byte
            var twoQuestions = Query(NameOf(RunningDnsFeed.Bouncer), 1);
            twoQuestions[5] = 2;
            return new()
            {
                { "a listed address", Query(NameOf(RunningDnsFeed.Bouncer), 1), DnsAnswer.Listed },
                { "the TXT of a listed address", Query(NameOf(RunningDnsFeed.Challenger), 16), DnsAnswer.Listed },
                { "a type a listed address has none of", Query(NameOf(RunningDnsFeed.Bouncer), 28), DnsAnswer.Listed },
                { "the test point", Query(NameOf(IPAddress.Parse("127.0.0.2")), 1), DnsAnswer.Listed },
                { "the never-listed point", Query(NameOf(IPAddress.Parse("127.0.0.1")), 1), DnsAnswer.NxDomain },
                { "an unlisted address", Query(NameOf(IPAddress.Parse("8.8.8.8")), 1), DnsAnswer.NxDomain },
                { "a name that is no address", Query("mail." + RunningDnsFeed.Zone, 1), DnsAnswer.NxDomain },
                { "the zone's SOA", Query(RunningDnsFeed.Zone, 6), DnsAnswer.NoError },
                { "a name outside the zone", Query("www.example.com", 1), DnsAnswer.Refused },
                { "two questions", twoQuestions, DnsAnswer.FormErr },
                { "an opcode other than QUERY", Query(NameOf(RunningDnsFeed.Bouncer), 1, flags: 0x1000), DnsAnswer.NotImp },
                { "an EDNS version other than 0", badVersion, DnsAnswer.BadVers },
                { "a response", Query(NameOf(RunningDnsFeed.Bouncer), 1, flags: 0x8100), DnsAnswer.None },
                { "a datagram shorter than a header", [0x12, 0x34, 0x01], DnsAnswer.None },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Should_say_how_it_answered(string query, byte[] packet, DnsAnswer expected)
    {
        var responder = new DnsResponder(new DnsFeedOptions(), new ActiveListing(RunningDnsFeed.BuildSnapshot(1)));

        responder.Respond(packet, new byte[DnsResponder.MaxResponseSize], overTcp: false, out var answer);

        Assert.True(expected == answer, $"{query}: {answer}, expected {expected}");
    }
}
