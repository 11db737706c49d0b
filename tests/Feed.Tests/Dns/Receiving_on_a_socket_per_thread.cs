using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Feed.Dns;

using Microsoft.Extensions.Logging.Abstractions;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Receiving_on_a_socket_per_thread
{
    private const int Threads = 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Should_answer_a_burst_from_many_senders_each_to_its_own_sender(bool batching)
    {
        await using var server = Start(batching: batching);

        // The kernel picks a socket per source port: with 16 senders every socket most likely gets some, and a
        // socket that no thread received on would leave its senders unanswered.
        await AssertBurstAnsweredAsync(server.Port, senders: 16, queriesPerSender: 40);
    }

    [Fact]
    public async Task Should_bind_one_socket_per_receive_thread_only_when_asked()
    {
        await using var perThread = Start();
        await using var shared = Start(socketPerThread: false);

        Assert.Equal(Threads, UdpSocketsOn(perThread.Port));
        Assert.Equal(1, UdpSocketsOn(shared.Port));
    }

    [Fact]
    public async Task Should_release_the_port_when_stopped()
    {
        await using var server = Start();
        var port = server.Port;
        // A socket without SO_REUSEPORT cannot join the group: this bind fails while any socket of it is open.
        Assert.Throws<SocketException>(() => BindPlainUdp(port));

        await server.DisposeAsync();

        BindPlainUdp(port);
        await using var next = Start(port, socketPerThread: false);
        var answer = await SendUdpAsync(next.Port, Query(NameOf(RunningDnsFeed.Bouncer), 1));
        Assert.NotNull(answer);
        Assert.Equal(0, ResponseCode(answer));
    }

    [Fact]
    public async Task Should_refuse_to_start_beside_another_server_on_the_same_port()
    {
        await using var first = Start();
        await using var second = Create(first.Port, socketPerThread: true, batching: true);

        // Its UDP sockets could join the first server's group (same user, SO_REUSEPORT), its TCP listener cannot:
        // two feeds never split one port's queries silently.
        Assert.Throws<SocketException>(second.Start);

        await AssertBurstAnsweredAsync(first.Port, senders: 8, queriesPerSender: 10);
    }

    private static DnsServer Start(int port = 0, bool socketPerThread = true, bool batching = true)
    {
        var server = Create(port, socketPerThread, batching);
        server.Start();
        return server;
    }

    private static DnsServer Create(int port, bool socketPerThread, bool batching)
    {
        var options = new DnsFeedOptions { Port = port, UdpReceiveLoops = Threads, UdpSocketPerThread = socketPerThread, UdpBatching = batching };
        return new DnsServer(options, new ActiveListing(RunningDnsFeed.BuildSnapshot(RunningDnsFeed.Serial)), TestMeters.NewDnsMetrics(), NullLogger<DnsServer>.Instance);
    }

    private static void BindPlainUdp(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    // Sockets bound to 127.0.0.1:<port>, from the kernel's table (local address as hex "0100007F:PORT").
    private static int UdpSocketsOn(int port) => File.ReadLines("/proc/self/net/udp")
        .Skip(1)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
        .Count(local => local == string.Create(CultureInfo.InvariantCulture, $"0100007F:{port:X4}"));
}
