using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Receiving_a_burst_of_queries(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public async Task Should_answer_every_query_of_the_burst_to_its_own_sender()
    {
        // More queries than one receive batch holds, from several senders at once.
        await AssertBurstAnsweredAsync(feed.Port, senders: 4, queriesPerSender: 60);
    }
}
