using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;

using Microsoft.Extensions.Logging;

namespace Backscatter.Ingest.Smtp.Loop;

/// <summary>
/// One thread that runs SMTP sessions on its own epoll set, as smtp-sink does: a connection's
/// reads and writes, the session's code between them and the continuations it awaits (the inbox's
/// acknowledgement comes back through <see cref="Post"/>) all run here, so a step of a session
/// costs its system calls and no hand-off between threads (docs/adr/0021).
/// </summary>
internal sealed unsafe partial class SessionLoop : SynchronizationContext, IDisposable
{
    private const ulong WakeKey = ulong.MaxValue;
    private const ulong ListenerKey = ulong.MaxValue - 1;
    private const int EventsPerWait = 256;
    private const int AcceptsPerEvent = 64;

    private readonly ILogger _logger;
    private readonly int _poll;
    private readonly int _wake;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _local = new();
    private readonly List<LoopSocketStream?> _slots = [];
    private readonly Stack<int> _free = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sleeping;
    private volatile bool _stopping;
    private int _listener = -1;
    private Action<int, IPAddress>? _accepted;
    private Timer? _acceptPause;

    public SessionLoop(string name, ILogger logger)
    {
        _logger = logger;
        _poll = Libc.CreatePoll(Libc.CloseOnExec);
        _wake = Libc.CreateEvent(0, Libc.NonBlocking | Libc.CloseOnExec);
        if (_poll < 0 || _wake < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = _poll >= 0 ? Libc.Close(_poll) : 0;
            _ = _wake >= 0 ? Libc.Close(_wake) : 0;
            throw new IOException($"Could not create the session loop's poll set (errno {errno}).");
        }

        Control(Libc.ControlAdd, _wake, Libc.Readable, WakeKey);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether this machine can run session loops (the system calls are declared for Linux on x86-64).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>Accepts connections on a non-blocking listening socket and hands each to <paramref name="accepted"/> on this loop.</summary>
    public void Listen(int listener, Action<int, IPAddress> accepted) => Post(
        _ =>
        {
            _listener = listener;
            _accepted = accepted;
            Control(Libc.ControlAdd, listener, Libc.Readable, ListenerKey);
        },
        null);

    /// <summary>Stops accepting; the sessions already running go on.</summary>
    public void StopListening() => Post(
        _ =>
        {
            if (_listener >= 0)
            {
                Control(Libc.ControlModify, _listener, 0, ListenerKey);
                _listener = -1;
                _acceptPause?.Dispose();
            }
        },
        null);

    /// <summary>Takes an accepted connection into this loop and starts its session here.</summary>
    public void Adopt(int socket, Func<LoopSocketStream, Task> serve)
    {
        if (!IsCurrent)
        {
            Post(_ => Adopt(socket, serve), null);
            return;
        }

        int slot;
        if (!_free.TryPop(out slot))
        {
            slot = _slots.Count;
            _slots.Add(null);
        }

        var stream = new LoopSocketStream(this, socket, slot);
        _slots[slot] = stream;
        // Edge-triggered: one registration for the connection's life; a read tries the socket first
        // and waits only when it found nothing, so no readiness is missed.
        if (!Control(Libc.ControlAdd, socket, Libc.Readable | Libc.Writable | Libc.EdgeTriggered, (ulong)slot))
        {
            stream.Dispose();
            return;
        }

        _ = serve(stream);
    }

    /// <summary>Called by a connection as it closes.</summary>
    public void Forget(int slot)
    {
        _slots[slot] = null;
        _free.Push(slot);
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (IsCurrent)
        {
            _local.Enqueue((d, state));
            return;
        }

        _posted.Enqueue((d, state));
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Wake();
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (IsCurrent)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Post(s => { d(s); done.Set(); }, state);
        done.Wait();
    }

    public override SynchronizationContext CreateCopy() => this;

    private void Run()
    {
        SetSynchronizationContext(this);
        var events = stackalloc Libc.PollEvent[EventsPerWait];
        while (!_stopping)
        {
            RunPosted();
            Interlocked.Exchange(ref _sleeping, 1);
            var timeout = _posted.IsEmpty && _local.Count == 0 ? -1 : 0;
            if (timeout == 0)
            {
                Interlocked.Exchange(ref _sleeping, 0);
            }

            var count = Libc.WaitPoll(_poll, events, EventsPerWait, timeout);
            Interlocked.Exchange(ref _sleeping, 0);
            if (count < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.Interrupted)
                {
                    LogLoopFailed(errno);
                    break;
                }

                continue;
            }

            for (var i = 0; i < count; i++)
            {
                Dispatch(events[i]);
            }
        }

        // Whatever is still open when the loop ends (sessions that outlived the drain at shutdown).
        foreach (var stream in _slots.ToArray())
        {
            stream?.Dispose();
        }

        _stopped.TrySetResult();
    }

    private void Dispatch(Libc.PollEvent pollEvent)
    {
        try
        {
            switch (pollEvent.Data)
            {
                case WakeKey:
                    ulong value;
                    _ = Libc.Read(_wake, &value, sizeof(ulong));
                    break;
                case ListenerKey:
                    AcceptWaiting();
                    break;
                default:
                    var slot = (int)pollEvent.Data;
                    if (slot < _slots.Count)
                    {
                        _slots[slot]?.OnReady(pollEvent.Events);
                    }

                    break;
            }
        }
#pragma warning disable CA1031 // One connection's failure must not end the loop that serves the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCallbackFailed(ex);
        }
    }

    private void RunPosted()
    {
        // Bounded by what is queued now: what these callbacks post runs in the next round, after the poll.
        for (var n = _local.Count + _posted.Count; n > 0; n--)
        {
            if (!_local.TryDequeue(out var work) && !_posted.TryDequeue(out work))
            {
                break;
            }

            try
            {
                work.Callback(work.State);
            }
#pragma warning disable CA1031 // See Dispatch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(ex);
            }
        }
    }

    private void AcceptWaiting()
    {
        var address = stackalloc byte[128];
        for (var i = 0; i < AcceptsPerEvent && _listener >= 0; i++)
        {
            var length = 128;
            var socket = Libc.Accept(_listener, address, &length, Libc.NonBlocking | Libc.CloseOnExec);
            if (socket < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Libc.Interrupted or Libc.ConnectionAborted)
                {
                    continue;
                }

                if (errno != Libc.WouldBlock)
                {
                    // Out of descriptors or memory: the listener stays ready, so pause instead of spinning.
                    LogAcceptFailed(errno);
                    PauseAccepting();
                }

                return;
            }

            var noDelay = 1;
            _ = Libc.SetOption(socket, 6 /* IPPROTO_TCP */, 1 /* TCP_NODELAY */, &noDelay, sizeof(int));
            _accepted!(socket, ClientAddress(address));
        }
    }

    private void PauseAccepting()
    {
        var listener = _listener;
        Control(Libc.ControlModify, listener, 0, ListenerKey);
        _acceptPause?.Dispose();
        _acceptPause = new Timer(
            _ => Post(
                _ =>
                {
                    if (_listener == listener)
                    {
                        Control(Libc.ControlModify, listener, Libc.Readable, ListenerKey);
                    }
                },
                null),
            null,
            TimeSpan.FromMilliseconds(100),
            Timeout.InfiniteTimeSpan);
    }

    private static IPAddress ClientAddress(byte* address)
    {
        const ushort Inet6 = 10; // AF_INET6; otherwise AF_INET
        var address6 = *(ushort*)address == Inet6;
        var ip = address6 ? new IPAddress(new ReadOnlySpan<byte>(address + 8, 16)) : new IPAddress(new ReadOnlySpan<byte>(address + 4, 4));
        return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
    }

    private bool Control(int operation, int descriptor, uint events, ulong key)
    {
        var pollEvent = new Libc.PollEvent { Events = events, Data = key };
        if (Libc.ControlPoll(_poll, operation, descriptor, &pollEvent) == 0)
        {
            return true;
        }

        LogControlFailed(operation, Marshal.GetLastPInvokeError());
        return false;
    }

    private void Wake()
    {
        ulong one = 1;
        _ = Libc.Write(_wake, &one, sizeof(ulong));
    }

    /// <summary>Ends the loop; connections still open are closed.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        Wake();
        if (!IsCurrent)
        {
            _stopped.Task.Wait(TimeSpan.FromSeconds(5));
        }

        _acceptPause?.Dispose();
        Libc.Close(_wake);
        Libc.Close(_poll);
    }

    [LoggerMessage(LogLevel.Error, "SMTP session loop stopped: epoll_wait failed with errno {Errno}")]
    private partial void LogLoopFailed(int errno);

    [LoggerMessage(LogLevel.Error, "SMTP session loop: a callback failed")]
    private partial void LogCallbackFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "SMTP session loop: accept failed with errno {Errno}; pausing accepts for 100 ms")]
    private partial void LogAcceptFailed(int errno);

    [LoggerMessage(LogLevel.Warning, "SMTP session loop: epoll_ctl operation {Operation} failed with errno {Errno}")]
    private partial void LogControlFailed(int operation, int errno);
}
