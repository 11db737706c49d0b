using System.Net;

using Backscatter.Feed.Dns;
using Backscatter.Testing;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Answering_without_allocating
{
    public static TheoryData<string, ushort, int?> Queries => new()
    {
        { NameOf(RunningDnsFeed.Bouncer), 1, null },
        { NameOf(RunningDnsFeed.Everything), 1, 1232 },
        { NameOf(IPAddress.Parse("8.8.8.8")), 1, null },
        { NameOf(RunningDnsFeed.Bouncer), 16, 1232 },
        { NameOf(RunningDnsFeed.Challenger), 1, null },
        { NameOf(RunningDnsFeed.Challenger), 16, 1232 },
        { RunningDnsFeed.Zone, 6, null },
        { "example.com", 1, null },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Should_answer_from_the_snapshot_without_allocating(string name, ushort type, int? edns)
    {
        var responder = new DnsResponder(new DnsFeedOptions(), new ActiveListing(RunningDnsFeed.BuildSnapshot(1)));
        var query = Query(name, type, ednsPayload: edns);
        var response = new byte[DnsResponder.MaxResponseSize];
        responder.Respond(query, response, overTcp: false);

        Assert.Equal(0, ThreadAllocations.FewestBytes(1000, () => responder.Respond(query, response, overTcp: false)));
    }
}
