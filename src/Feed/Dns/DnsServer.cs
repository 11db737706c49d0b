using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

using Microsoft.Extensions.Logging;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Serves the DNSBL zone over UDP and TCP on one port. UDP is the hot path: a few dedicated threads
/// block on one socket and answer from their own buffers, without allocating; on Linux each wake-up
/// takes every queued query (up to 16, recvmmsg) and sends their answers with one sendmmsg
/// (docs/adr/0018), elsewhere one recvfrom and sendto per query, like rbldnsd. With
/// <see cref="DnsFeedOptions.UdpSocketPerThread"/> on Linux each thread has a socket of its own on the same
/// port (SO_REUSEPORT) and the kernel spreads the clients over them. TCP takes length-prefixed queries,
/// several per connection, and closes idle connections.
/// </summary>
public sealed partial class DnsServer : IAsyncDisposable
{
    // Wakes blocked receive threads regularly so that they notice a stop without relying on close semantics.
    private const int ReceiveWakeupMilliseconds = 500;
    private const int MaxBindAttempts = 20;
    private const int SocketLevel = 1; // SOL_SOCKET on Linux
    private const int ReusePort = 15; // SO_REUSEPORT on Linux

    private readonly DnsFeedOptions _options;
    private readonly DnsResponder _responder;
    private readonly DnsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Thread> _udpThreads = [];
    private Socket[] _udp = [];
    private Socket? _tcp;
    private Task? _acceptLoop;
    private int _tcpConnections;

    public DnsServer(DnsFeedOptions options, ActiveListing listing, DnsMetrics metrics, ILogger<DnsServer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _responder = new DnsResponder(options, listing);
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The port actually bound, for UDP and TCP alike (differs from the option when that is 0).</summary>
    public int Port { get; private set; }

    public IPEndPoint EndPoint => new(IPAddress.Parse(_options.ListenAddress), Port);

    /// <summary>Binds both sockets and starts serving; throws when the port is taken, so the host fails at start.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_udp.Length > 0)
        {
            throw new InvalidOperationException("The DNS server is already started.");
        }

        var address = IPAddress.Parse(_options.ListenAddress);
        var loops = _options.UdpReceiveLoops > 0 ? _options.UdpReceiveLoops : Environment.ProcessorCount;
        Bind(address, _options.UdpSocketPerThread && OperatingSystem.IsLinux() ? loops : 1);
        for (var i = 0; i < loops; i++)
        {
            var socket = _udp[i % _udp.Length];
            var thread = new Thread(() => ReceiveLoop(socket)) { IsBackground = true, Name = $"dns-udp-{i}" };
            _udpThreads.Add(thread);
            thread.Start();
        }

        _acceptLoop = AcceptLoopAsync();
        LogStarted(_logger, _options.Zone, address, Port, loops, _udp.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _tcp?.Dispose();
        foreach (var socket in _udp)
        {
            socket.Dispose();
        }

        foreach (var thread in _udpThreads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void Bind(IPAddress address, int udpSockets)
    {
        // With port 0 the kernel picks a free UDP port; TCP must then get the same number, which another
        // process may hold, so try again with a fresh UDP port a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            var udp = new List<Socket>(udpSockets);
            var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Add(BindUdp(address, _options.Port, shared: udpSockets > 1));
                var port = ((IPEndPoint)udp[0].LocalEndPoint!).Port;
                tcp.Bind(new IPEndPoint(address, port));
                tcp.Listen(512);
                while (udp.Count < udpSockets)
                {
                    udp.Add(BindUdp(address, port, shared: true));
                }

                (_udp, _tcp, Port) = ([.. udp], tcp, port);
                return;
            }
            catch (SocketException) when (_options.Port == 0 && attempt < MaxBindAttempts)
            {
                udp.ForEach(socket => socket.Dispose());
                tcp.Dispose();
            }
            catch
            {
                udp.ForEach(socket => socket.Dispose());
                tcp.Dispose();
                throw;
            }
        }
    }

    /// <param name="shared">
    /// Whether the port is shared by several sockets of this server (SO_REUSEPORT, Linux): each query goes to
    /// one of them, chosen by a hash of the client's address and port, so one client stays on one socket.
    /// </param>
    private static Socket BindUdp(IPAddress address, int port, bool shared)
    {
        var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (shared)
            {
                udp.SetRawSocketOption(SocketLevel, ReusePort, BitConverter.GetBytes(1));
            }

            udp.ReceiveTimeout = ReceiveWakeupMilliseconds;
            // A larger receive queue absorbs bursts while all threads are busy answering.
            udp.ReceiveBufferSize = 4 * 1024 * 1024;
            udp.Bind(new IPEndPoint(address, port));
            return udp;
        }
        catch
        {
            udp.Dispose();
            throw;
        }
    }

    private void ReceiveLoop(Socket socket)
    {
        if (DatagramBatch.IsSupported && _options.UdpBatching)
        {
            ReceiveBatches(socket);
            return;
        }

        var query = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
        var response = GC.AllocateUninitializedArray<byte>(DnsResponder.MaxResponseSize, pinned: true);
        var remote = new SocketAddress(socket.AddressFamily);
        // A thread that sleeps in recvfrom must preempt whatever runs when a query wakes it, not wait for
        // that thread's slice to end (1.4 ms by default on a 2-core Linux): see docs/adr/0013.
        ReceiveThreadScheduling.TryRequestSlice(_options.UdpReceiveSlice);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = socket.ReceiveFrom(query, SocketFlags.None, remote);
                var length = _responder.Respond(query.AsSpan(0, received), response, overTcp: false, out var answer);
                _metrics.Answered(overTcp: false, answer);
                if (length > 0)
                {
                    socket.SendTo(response.AsSpan(0, length), SocketFlags.None, remote);
                }
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                // The periodic wake-up: check for a stop and receive again.
            }
            catch (SocketException e) when (!_stopping.IsCancellationRequested)
            {
                // One client's unreachable port or a full send queue must not stop the server.
                LogUdpError(_logger, e.SocketErrorCode);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug met by one odd packet must not take the feed down with it.
                LogAnswerFailed(_logger, e);
            }
        }
    }

    private void ReceiveBatches(Socket socket)
    {
        var handle = socket.SafeHandle;
        var added = false;
        // Keeps the descriptor open until this thread is done with it: closed underneath, its number could be
        // reused by another socket while this thread still receives on it.
        handle.DangerousAddRef(ref added);
        try
        {
            using var batch = new DatagramBatch();
            ReceiveThreadScheduling.TryRequestSlice(_options.UdpReceiveSlice);
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    batch.ReceiveAndAnswer(handle, _responder, _metrics);
                }
                catch (SocketException e) when (!_stopping.IsCancellationRequested)
                {
                    LogUdpError(_logger, e.SocketErrorCode);
                }
                catch (SocketException)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bug met by one odd packet must not take the feed down with it.
                    LogAnswerFailed(_logger, e);
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        var listener = _tcp!;
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                LogTcpError(_logger, e.SocketErrorCode);
                continue;
            }

            if (Interlocked.Increment(ref _tcpConnections) > _options.MaxTcpConnections)
            {
                // Refusing beyond the limit keeps slow or idle clients from exhausting memory and sockets.
                Interlocked.Decrement(ref _tcpConnections);
                client.Dispose();
                continue;
            }

            _ = ServeConnectionAsync(client);
        }
    }

    private async Task ServeConnectionAsync(Socket client)
    {
        var query = ArrayPool<byte>.Shared.Rent(65535);
        var response = ArrayPool<byte>.Shared.Rent(DnsResponder.MaxResponseSize + 2);
        try
        {
            client.NoDelay = true;
            while (!_stopping.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                idle.CancelAfter(_options.TcpIdleTimeout);
                if (!await ReceiveExactlyAsync(client, query.AsMemory(0, 2), idle.Token).ConfigureAwait(false))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(query);
                if (length == 0 || !await ReceiveExactlyAsync(client, query.AsMemory(0, length), idle.Token).ConfigureAwait(false))
                {
                    return;
                }

                var answer = _responder.Respond(query.AsSpan(0, length), response.AsSpan(2), overTcp: true, out var kind);
                _metrics.Answered(overTcp: true, kind);
                if (answer == 0)
                {
                    return;
                }

                BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)answer);
                await client.SendAsync(response.AsMemory(0, answer + 2), SocketFlags.None, idle.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Idle timeout, the client went away, or the server is stopping: just close.
        }
        finally
        {
            client.Dispose();
            ArrayPool<byte>.Shared.Return(query);
            ArrayPool<byte>.Shared.Return(response);
            Interlocked.Decrement(ref _tcpConnections);
        }
    }

    private static async ValueTask<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            buffer = buffer[received..];
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DNS feed for {Zone} listening on {Address} port {Port} (UDP with {Loops} receive threads on {Sockets} sockets, TCP)")]
    private static partial void LogStarted(ILogger logger, string zone, IPAddress address, int port, int loops, int sockets);

    [LoggerMessage(Level = LogLevel.Debug, Message = "UDP send or receive failed: {Error}")]
    private static partial void LogUdpError(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a UDP query failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TCP accept failed: {Error}")]
    private static partial void LogTcpError(ILogger logger, SocketError error);
}
