namespace Backscatter.Feed.Tests.Dns;

public class Scheduling_the_receive_threads(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public void Should_ask_for_a_short_slice_and_keep_normal_priority()
    {
        var threads = feed.Server.ReceiveThreadIds.Select(ReceiveThreads.Scheduling).ToList();
        var process = ReceiveThreads.Scheduling(Environment.ProcessId);

        Assert.Equal(feed.Options.UdpReceiveLoops, threads.Count);
        Assert.All(threads, thread =>
        {
            Assert.Equal("0", thread["policy"]);
            Assert.Equal(process["prio"], thread["prio"]);
            Assert.Equal("100000", thread["se.slice"]);
        });
    }
}
