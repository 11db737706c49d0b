using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Backscatter.Testing;

/// <summary>
/// A real DNS server on a loopback UDP port standing in for a customer's name servers: it answers
/// TXT queries with RFC 1035 response packets built here, from what the test published. Names it
/// was told nothing about answer NXDOMAIN; <see cref="Exists"/> makes a name answer with no
/// records, <see cref="Fail"/> with an error code, <see cref="Ignore"/> not at all. It records the
/// name of every query it received.
/// </summary>
public sealed class DnsStandIn : IAsyncDisposable
{
    private const ushort TypeTxt = 16;
    private const ushort ClassIn = 1;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<Answer>> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _serving;

    public DnsStandIn()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>What a name answers with: a response code and the TXT records, or nothing.</summary>
    private sealed record Answer(int ResponseCode, IReadOnlyList<string> Txt, bool Silent = false);

    public IPEndPoint EndPoint { get; }

    /// <summary>"127.0.0.1:port", as a name server setting takes it.</summary>
    public string Address => $"127.0.0.1:{EndPoint.Port}";

    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>Publishes TXT records at a name, one per value, replacing what was there (values over 255 bytes are split into several strings, as zone files do).</summary>
    public void Txt(string name, params string[] values) => _names[name.TrimEnd('.')] = () => new Answer(0, values);

    /// <summary>The name exists, with no TXT record.</summary>
    public void Exists(string name) => _names[name.TrimEnd('.')] = () => new Answer(0, []);

    /// <summary>Queries for the name answer with this response code (2 SERVFAIL, 5 REFUSED).</summary>
    public void Fail(string name, int responseCode) => _names[name.TrimEnd('.')] = () => new Answer(responseCode, []);

    /// <summary>Queries for the name get no reply at all, as from an unreachable server.</summary>
    public void Ignore(string name) => _names[name.TrimEnd('.')] = () => new Answer(0, [], Silent: true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var reply = Reply(buffer.AsSpan(0, received.ReceivedBytes));
            if (reply is not null)
            {
                await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    /// <summary>The response packet to one query, or null for a packet that is no query or a name told to stay silent.</summary>
    private byte[]? Reply(ReadOnlySpan<byte> query)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        // The question: labels up to the root label, then type and class (queries carry no compression).
        var labels = new List<string>();
        var at = 12;
        while (at < query.Length && query[at] != 0)
        {
            var length = query[at];
            if (length > 63 || at + 1 + length > query.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(query.Slice(at + 1, length)));
            at += 1 + length;
        }

        var questionEnd = at + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var name = string.Join('.', labels);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query[(at + 1)..]);
        Queries.Enqueue(name);
        var answer = _names.TryGetValue(name, out var published) ? published() : new Answer(3, []);
        if (answer.Silent)
        {
            return null;
        }

        var records = type == TypeTxt && answer.ResponseCode == 0 ? answer.Txt : [];
        var packet = new List<byte>(512);
        packet.AddRange(query[..2].ToArray());
        // QR, the query's opcode and RD, AA; RA; the response code.
        packet.Add((byte)(0x80 | (query[2] & 0x79) | 0x04));
        packet.Add((byte)(0x80 | answer.ResponseCode));
        packet.AddRange([0, 1]);
        AddUInt16(packet, records.Count);
        packet.AddRange([0, 0, 0, 0]);
        packet.AddRange(query[12..questionEnd].ToArray());
        foreach (var value in records)
        {
            var data = TxtData(value);
            packet.AddRange([0xC0, 12]);
            AddUInt16(packet, TypeTxt);
            AddUInt16(packet, ClassIn);
            packet.AddRange([0, 0, 0, 60]);
            AddUInt16(packet, data.Length);
            packet.AddRange(data);
        }

        return [.. packet];
    }

    /// <summary>A TXT record's data: the value as character-strings of at most 255 bytes, each after its length.</summary>
    private static byte[] TxtData(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var data = new List<byte>(bytes.Length + (bytes.Length / 255) + 1);
        var offset = 0;
        do
        {
            var length = Math.Min(255, bytes.Length - offset);
            data.Add((byte)length);
            data.AddRange(bytes.AsSpan(offset, length).ToArray());
            offset += length;
        }
        while (offset < bytes.Length);

        return [.. data];
    }

    private static void AddUInt16(List<byte> packet, int value)
    {
        packet.Add((byte)(value >> 8));
        packet.Add((byte)value);
    }
}
