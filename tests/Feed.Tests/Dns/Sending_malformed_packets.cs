using System.Net;

using DnsClient;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Sending_malformed_packets(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    private const int FormErr = 1;

    public static TheoryData<string, byte[]> Malformed => new()
    {
        // A name whose pointer points at itself.
        { "a compression loop", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1] },
        // Two pointers pointing at each other.
        { "a two-pointer loop", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 14, 0xC0, 12, 0, 1, 0, 1] },
        { "a forward pointer", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 20, 0, 1, 0, 1, 0, 0, 0] },
        { "a label running past the end", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 40, (byte)'a', (byte)'b'] },
        { "a name without its type and class", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0, 0] },
        { "a reserved label type", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1] },
        { "no question", [0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "two questions", [0x12, 0x34, 0x01, 0x00, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1] },
        { "an additional record past the end", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 41] },
        { "garbage", [0x12, 0x34, 0x01, 0x00, 0xFF, 0xFF, 0xDE, 0xAD, 0xBE, 0xEF, 0xBA, 0xD0, 0xBA, 0xD0, 0xBA, 0xD0] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Should_answer_FORMERR_and_keep_serving(string what, byte[] packet)
    {
        var answer = await SendUdpAsync(feed.Port, packet);

        Assert.True(answer is not null, $"no answer to {what}");
        Assert.Equal(FormErr, ResponseCode(answer));
        Assert.Equal([0x12, 0x34], answer[..2]);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x12 })]
    [InlineData(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0 })]
    public async Task Should_drop_a_truncated_header_and_keep_serving(byte[] packet)
    {
        Assert.Null(await SendUdpAsync(feed.Port, packet, timeoutMilliseconds: 300));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Should_drop_a_response_so_that_two_servers_cannot_loop()
    {
        var packet = Query("2.0.0.127." + RunningDnsFeed.Zone, 1, flags: 0x8400);

        Assert.Null(await SendUdpAsync(feed.Port, packet, timeoutMilliseconds: 300));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Should_answer_NOTIMP_to_other_opcodes()
    {
        var notify = Query(RunningDnsFeed.Zone, 6, flags: 4 << 11);

        var answer = await SendUdpAsync(feed.Port, notify);

        Assert.NotNull(answer);
        Assert.Equal(4, ResponseCode(answer));
    }

    [Fact]
    public async Task Should_survive_a_burst_of_random_bytes()
    {
        var random = new Random(5782);
        for (var i = 0; i < 500; i++)
        {
            var packet = new byte[random.Next(0, 600)];
            random.NextBytes(packet);
            // Any answer or none is fine; what matters is that the server keeps serving.
            await SendUdpAsync(feed.Port, packet, timeoutMilliseconds: 20);
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Should_close_a_TCP_connection_that_sends_garbage_and_keep_serving()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, feed.Port);
        await SendTcpAsync(socket, [1, 2, 3]);

        Assert.Null(await ReceiveTcpAsync(socket));
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var udp = await Client(feed.Port).QueryAsync("2.0.0.127." + RunningDnsFeed.Zone, QueryType.A);
        var tcp = await Client(feed.Port, tcp: true).QueryAsync("2.0.0.127." + RunningDnsFeed.Zone, QueryType.A);
        Assert.Single(udp.Answers.ARecords());
        Assert.Single(tcp.Answers.ARecords());
    }
}
