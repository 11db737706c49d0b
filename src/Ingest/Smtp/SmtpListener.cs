using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using Backscatter.Ingest.Smtp.Loop;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Smtp;

/// <summary>Accepts SMTP connections and runs a session for each.</summary>
public sealed partial class SmtpListener(
    IOptions<SmtpOptions> options,
    IIngestAddressBook addresses,
    IReportInbox inbox,
    TimeProvider clock,
    AcceptanceActivity activity,
    SmtpMetrics metrics,
    ILogger<SmtpListener> logger) : BackgroundService
{
    private readonly SmtpOptions _options = options.Value;
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<SmtpSession, byte> _sessions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where the listener listens, once it does (the port is chosen at start when configured as 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var certificate = string.IsNullOrEmpty(_options.CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(_options.CertificatePath, _options.CertificatePassword);
        var limits = new SmtpClientLimits(_options, clock);
        var context = new SmtpSessionContext(_options, addresses, inbox, limits, metrics, certificate, clock, logger, stoppingToken);
        var endpoint = new IPEndPoint(IPAddress.Parse(_options.ListenAddress), _options.Port);
        using var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(1024);
        }
        catch (SocketException ex)
        {
            _bound.TrySetException(ex);
            throw;
        }

        var bound = (IPEndPoint)listener.LocalEndPoint!;
        _bound.TrySetResult(bound);
        LogListening(bound, certificate is not null);

        // One timer for every session's timeouts instead of a timer per command: a session only
        // notes its deadline, and the watchdog cancels the reads that are past theirs.
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(_options.CommandTimeout.TotalMilliseconds, _options.DataTimeout.TotalMilliseconds) / 4, 50, 1000));
        await using var watchdog = new Timer(_ => ExpireIdleSessions(), null, tick, tick);
        await using var stopping = stoppingToken.Register(ExpireIdleSessions);

        if (_options.SessionLoops > 0 && SessionLoop.IsSupported)
        {
            await RunOnSessionLoopsAsync(listener, context, stoppingToken);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            client.NoDelay = true;
            var ip = ((IPEndPoint)client.RemoteEndPoint!).Address;
            _ = ServeAsync(new NetworkStream(client, ownsSocket: true), ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, context);
        }
    }

    private async Task RunOnSessionLoopsAsync(Socket listener, SmtpSessionContext context, CancellationToken stoppingToken)
    {
        listener.Blocking = false;
        var loops = new SessionLoop?[_options.SessionLoops];
        try
        {
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = new SessionLoop($"smtp-loop-{i}", logger);
            }

            // The first loop accepts and deals the connections out in turn.
            var next = 0;
            loops[0]!.Listen((int)listener.Handle, (socket, ip) =>
            {
                var loop = loops[next]!;
                next = (next + 1) % loops.Length;
                loop.Adopt(socket, stream => ServeAsync(stream, ip, context));
            });
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }

            loops[0]!.StopListening();
            // Sessions were told 421 (the stopping registration cancels their reads); let them finish.
            for (var waited = 0; !_sessions.IsEmpty && waited < 5_000; waited += 20)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
        finally
        {
            foreach (var loop in loops)
            {
                // Null when a loop could not be created (no epoll set): the exception is on its way out.
                loop?.Dispose();
            }
        }
    }

    private void ExpireIdleSessions()
    {
        var now = Environment.TickCount64;
        // Enumerating the dictionary itself takes no lock and copies nothing (unlike its Keys).
        foreach (var (session, _) in _sessions)
        {
            session.Expire(now);
        }
    }

    private async Task ServeAsync(Stream stream, IPAddress ip, SmtpSessionContext context)
    {
        var limits = context.Limits;
        var refusal = limits.TryOpen(ip);
        if (refusal is not null)
        {
            metrics.Refused(refusal == SmtpReply.ServerBusy ? SmtpRefusal.ServerBusy : SmtpRefusal.ClientConnections);
            LogRefused(ip, refusal);
            await using (stream)
            {
                await TryWriteAsync(stream, refusal + "\r\n");
            }

            return;
        }

        using var accepting = activity.Open();
        metrics.SessionOpened();
        await using var session = new SmtpSession(stream, ip, context);
        _sessions.TryAdd(session, 0);
        try
        {
            await session.RunAsync();
        }
#pragma warning disable CA1031 // One broken session must never take the listener down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSessionFailed(ex, ip);
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            // Released before the socket closes: a client that saw the close may connect again at once.
            limits.Close(ip);
        }
    }

    private static async Task TryWriteAsync(Stream stream, string text)
    {
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        }
        catch (IOException)
        {
            // The client already left.
        }
    }

    [LoggerMessage(LogLevel.Information, "SMTP ingest listening on {Endpoint} (STARTTLS {Tls})")]
    private partial void LogListening(IPEndPoint endpoint, bool tls);

    [LoggerMessage(LogLevel.Warning, "Refused a connection from {ClientIp}: {Reply}")]
    private partial void LogRefused(IPAddress clientIp, string reply);

    [LoggerMessage(LogLevel.Error, "SMTP session from {ClientIp} failed")]
    private partial void LogSessionFailed(Exception exception, IPAddress clientIp);
}
