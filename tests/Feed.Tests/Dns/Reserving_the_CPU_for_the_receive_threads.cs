using System.Net;

using Backscatter.Feed.Dns;

using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Reserving_the_CPU_for_the_receive_threads(RunningDnsFeedUnderDeadline feed) : IClassFixture<RunningDnsFeedUnderDeadline>
{
    private const int SchedDeadline = 6;

    [Fact]
    public async Task Should_answer_from_threads_under_the_configured_deadline_reservation_when_privileged()
    {
        var answers = new List<IPAddress>();
        for (var i = 0; i < 20; i++)
        {
            var response = await Client(feed.Port).QueryAsync(NameOf(RunningDnsFeed.Bouncer), QueryType.A);
            answers.Add(Assert.Single(response.Answers.ARecords()).Address);
        }

        Assert.All(answers, address => Assert.Equal(IPAddress.Parse("127.0.0.2"), address));
        Assert.Equal(feed.Options.UdpReceiveLoops, feed.Server.ReceiveThreadIds.Count);
        Assert.All(feed.Server.ReceiveThreadIds, threadId =>
        {
            var scheduling = ReceiveThread(threadId);
            if (ReceiveThreads.MaySetRealTimePolicies())
            {
                // The kernel's bounded reservation is the flood guard: this much CPU per period, never more.
                Assert.Equal(SchedDeadline, scheduling.Policy);
                Assert.Equal(feed.Options.UdpReceiveRuntime, scheduling.Runtime);
                Assert.Equal(feed.Options.UdpReceivePeriod, scheduling.Period);
                Assert.Equal(SchedDeadline.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiveThreads.Scheduling(threadId)["policy"]);
            }
            else
            {
                // Refused without CAP_SYS_NICE: the thread stays under the fair policy with its short slice.
                Assert.Equal(0, scheduling.Policy);
                Assert.Equal("100000", ReceiveThreads.Scheduling(threadId)["se.slice"]);
            }
        });
    }

    [Fact]
    public async Task Should_keep_answering_malformed_and_valid_packets_under_the_reservation()
    {
        var garbage = await SendUdpAsync(feed.Port, [0x12, 0x34, 0x01], timeoutMilliseconds: 500);
        var response = await Client(feed.Port).QueryAsync(NameOf(IPAddress.Parse("127.0.0.2")), QueryType.A);

        Assert.Null(garbage);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.Single(response.Answers.ARecords()).Address);
    }

    private static (int Policy, TimeSpan Runtime, TimeSpan Period) ReceiveThread(int threadId)
    {
        var read = ReceiveThreadScheduling.Read(threadId);
        Assert.NotNull(read);
        return read.Value;
    }
}
