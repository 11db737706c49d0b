using System.Net;

using Backscatter.Feed.Dns;

using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Replacing_the_snapshot(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public async Task Should_answer_from_the_new_listing_and_its_serial_at_once()
    {
        var newcomer = IPAddress.Parse("198.252.206.16");
        var client = Client(feed.Port);
        var before = await client.QueryAsync(NameOf(newcomer), QueryType.A);

        var previous = feed.Listing.Replace(new ListingSnapshotBuilder()
            .Add(newcomer, new ListingFacts(1u << 3, 3, 2, RunningDnsFeed.LastSeen.DayNumber))
            .Build(RunningDnsFeed.Serial + 1));
        try
        {
            var after = await client.QueryAsync(NameOf(newcomer), QueryType.A);
            var gone = await client.QueryAsync(NameOf(RunningDnsFeed.Bouncer), QueryType.A);

            Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, before.Header.ResponseCode);
            Assert.Equal(IPAddress.Parse("127.0.0.3"), Assert.Single(after.Answers.ARecords()).Address);
            Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, gone.Header.ResponseCode);
            Assert.Equal(RunningDnsFeed.Serial + 1, Assert.Single(gone.Authorities.SoaRecords()).Serial);
        }
        finally
        {
            feed.Listing.Replace(previous);
        }
    }
}
