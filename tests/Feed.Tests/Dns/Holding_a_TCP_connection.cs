using System.Net;
using System.Net.Sockets;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Holding_a_TCP_connection(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public async Task Should_answer_several_queries_on_one_connection_in_order()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, feed.Port);

        // Pipelined: both queries are sent before either answer is read.
        await SendTcpAsync(socket, Query(NameOf(RunningDnsFeed.Bouncer), 1, id: 1));
        await SendTcpAsync(socket, Query("1.1.1.1." + RunningDnsFeed.Zone, 1, id: 2));
        var first = await ReceiveTcpAsync(socket);
        var second = await ReceiveTcpAsync(socket);
        await SendTcpAsync(socket, Query(NameOf(RunningDnsFeed.Everything), 1, id: 3));
        var third = await ReceiveTcpAsync(socket);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotNull(third);
        Assert.Equal((1, 0, 1), (first[1], ResponseCode(first), Count(first, 1)));
        Assert.Equal((2, 3, 0), (second[1], ResponseCode(second), Count(second, 1)));
        Assert.Equal((3, 0, 3), (third[1], ResponseCode(third), Count(third, 1)));
    }

    [Fact]
    public async Task Should_close_an_idle_connection()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, feed.Port);
        var started = DateTime.UtcNow;

        Assert.Null(await ReceiveTcpAsync(socket, timeoutMilliseconds: 10_000));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Should_not_truncate_over_TCP()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, feed.Port);

        await SendTcpAsync(socket, Query(NameOf(RunningDnsFeed.Everything), 255));
        var answer = await ReceiveTcpAsync(socket);

        Assert.NotNull(answer);
        Assert.Equal(0, answer[2] & 0x02);
        Assert.Equal(4, Count(answer, 1));
    }
}
