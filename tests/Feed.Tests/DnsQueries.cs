using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

using DnsClient;

namespace Backscatter.Feed.Tests;

/// <summary>Ways to ask the server: DnsClient, raw packets over UDP and TCP, and dig.</summary>
internal static class DnsQueries
{
    public static LookupClient Client(int port, bool tcp = false) => new(new LookupClientOptions(new NameServer(IPAddress.Loopback, port))
    {
        UseCache = false,
        Retries = 0,
        Timeout = TimeSpan.FromSeconds(3),
        UseTcpOnly = tcp,
        ThrowDnsErrors = false,
        Recursion = false,
    });

    /// <summary>RFC 5782 name: reversed octets for IPv4, 32 reversed nibbles for IPv6.</summary>
    public static string NameOf(IPAddress address, string zone = RunningDnsFeed.Zone)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Join('.', address.GetAddressBytes().Reverse()) + "." + zone;
        }

        var hex = Convert.ToHexStringLower(address.GetAddressBytes());
        return string.Join('.', hex.Reverse()) + "." + zone;
    }

    public static byte[] Query(string name, ushort type, ushort id = 0x1234, int? ednsPayload = null, ushort flags = 0x0100)
    {
        var packet = new List<byte>();
        packet.AddRange([(byte)(id >> 8), (byte)id, (byte)(flags >> 8), (byte)flags, 0, 1, 0, 0, 0, 0, 0, ednsPayload is null ? (byte)0 : (byte)1]);
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(Encoding.ASCII.GetBytes(label));
        }

        packet.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        if (ednsPayload is { } payload)
        {
            packet.AddRange([0, 0, 41, (byte)(payload >> 8), (byte)payload, 0, 0, 0, 0, 0, 0]);
        }

        return [.. packet];
    }

    /// <returns>The answer, or null when none came within the timeout.</returns>
    public static async Task<byte[]?> SendUdpAsync(int port, byte[] packet, int timeoutMilliseconds = 5000)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(packet, SocketFlags.None);
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return buffer[..received];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="queriesPerSender"/> queries from each of <paramref name="senders"/> sockets (each its
    /// own source port), all before any answer is read, listed and unlisted names in turn, and checks that every
    /// query is answered, to its own sender, with the code for its name.
    /// </summary>
    public static async Task AssertBurstAnsweredAsync(int port, int senders, int queriesPerSender)
    {
        var listed = NameOf(RunningDnsFeed.Bouncer);
        var unlisted = NameOf(IPAddress.Parse("198.51.100.7"));
        var sockets = Enumerable.Range(0, senders).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToList();
        try
        {
            foreach (var (socket, sender) in sockets.Select((socket, sender) => (socket, sender)))
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                for (var i = 0; i < queriesPerSender; i++)
                {
                    await socket.SendAsync(Query(i % 2 == 0 ? listed : unlisted, 1, id: (ushort)((sender * 1000) + i)), SocketFlags.None);
                }
            }

            for (var sender = 0; sender < senders; sender++)
            {
                var answers = await ReceiveAllAsync(sockets[sender], queriesPerSender);

                Assert.Equal(Enumerable.Range(sender * 1000, queriesPerSender), answers.Keys.Order());
                Assert.All(answers, answer => Assert.Equal(answer.Key % 2 == 0 ? 0 : 3, answer.Value));
            }
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    public static async Task SendTcpAsync(Socket socket, byte[] packet)
    {
        var framed = new byte[packet.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)packet.Length);
        packet.CopyTo(framed, 2);
        await socket.SendAsync(framed, SocketFlags.None);
    }

    /// <returns>The next answer on the connection, or null when the server closed it.</returns>
    public static async Task<byte[]?> ReceiveTcpAsync(Socket socket, int timeoutMilliseconds = 3000)
    {
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        var prefix = new byte[2];
        if (!await ReceiveExactlyAsync(socket, prefix, timeout.Token))
        {
            return null;
        }

        var answer = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return await ReceiveExactlyAsync(socket, answer, timeout.Token) ? answer : null;
    }

    public static int ResponseCode(byte[] answer) => answer[3] & 0xF;

    public static int Count(byte[] answer, int section) => BinaryPrimitives.ReadUInt16BigEndian(answer.AsSpan(4 + (2 * section)));

    /// <summary>Runs dig against the server; a missing dig fails the test, because the feed must be checked with it.</summary>
    public static async Task<string> DigAsync(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=3", "+tries=1" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dig did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("dig is not installed: install the dnsutils package (apt-get install dnsutils) to run the DNS feed tests.", e);
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dig exited with {process.ExitCode}: {output}{await process.StandardError.ReadToEndAsync()}");
            return output;
        }
    }

    // Answer id -> response code, until the expected number arrived or nothing came for 5 seconds.
    private static async Task<Dictionary<int, int>> ReceiveAllAsync(Socket socket, int expected)
    {
        var answers = new Dictionary<int, int>();
        var buffer = new byte[4096];
        while (answers.Count < expected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                answers[BinaryPrimitives.ReadUInt16BigEndian(buffer)] = ResponseCode(buffer[..received]);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return answers;
    }

    private static async Task<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (buffer.Length > 0)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    return false;
                }

                buffer = buffer[received..];
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
