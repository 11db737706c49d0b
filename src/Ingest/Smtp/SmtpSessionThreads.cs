using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// Up to <see cref="SmtpOptions.SessionThreads"/> sessions at a time on threads of their own, over
/// blocking sockets (<see cref="BlockingSocketStream"/>). With one connection per message, an
/// asynchronous session waits for the client about six times per message, and each wait costs an
/// event-thread wake-up, a hand-off to the thread pool and often the wake-up of a pool thread; here
/// the kernel wakes the session's own thread. Threads start as sessions need them and are reused;
/// when all are busy, <see cref="TryServe"/> says no and the listener serves the connection
/// asynchronously, so slow clients cannot hold new ones back.
/// </summary>
internal sealed class SmtpSessionThreads(int limit, Func<Socket, Stream, Task> serve) : IDisposable
{
    private readonly ConcurrentStack<SessionThread> _idle = new();
    private readonly Func<Socket, Stream, Task> _serve = serve;
    private int _started;
    private volatile bool _stopping;

    /// <summary>Hands the connection to an idle thread, or to a new one while there are fewer than the limit.</summary>
    public bool TryServe(Socket client)
    {
        if (_stopping)
        {
            return false;
        }

        if (_idle.TryPop(out var idle))
        {
            idle.Serve(client);
            return true;
        }

        if (Interlocked.Increment(ref _started) > limit)
        {
            Interlocked.Decrement(ref _started);
            return false;
        }

        new SessionThread(this, client).Start();
        return true;
    }

    /// <summary>Lets idle threads end; busy ones end after their session (which shutdown interrupts).</summary>
    public void Dispose()
    {
        _stopping = true;
        while (_idle.TryPop(out var idle))
        {
            idle.Serve(null);
        }
    }

    /// <summary>
    /// One thread serving one session after another. It is also the session's synchronization
    /// context, so that the session's awaits (the store's group commit, an address lookup) continue
    /// on this thread instead of a thread-pool thread that would then block on the socket.
    /// </summary>
    private sealed class SessionThread : SynchronizationContext
    {
        private readonly SmtpSessionThreads _threads;
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();
        // No spinning before sleeping: on two cores the spin only delays whoever would wake us.
        private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
        private readonly Thread _thread;
        private readonly Action _wake;
        private Socket? _next;
        private bool _handedOver;

        public SessionThread(SmtpSessionThreads threads, Socket first)
        {
            _threads = threads;
            _next = first;
            _handedOver = true;
            _wake = _signal.Set;
            _thread = new Thread(Run) { IsBackground = true, Name = "SMTP session" };
        }

        public void Start() => _thread.Start();

        /// <summary>Called by the listener for an idle thread; null tells it to end.</summary>
        public void Serve(Socket? client)
        {
            Volatile.Write(ref _next, client);
            Volatile.Write(ref _handedOver, true);
            _signal.Set();
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            _posted.Enqueue((d, state));
            _signal.Set();
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("An SMTP session thread only takes posted work.");

        public override SynchronizationContext CreateCopy() => this;

        private void Run()
        {
            SetSynchronizationContext(this);
            while (TakeNext() is { } client)
            {
                var session = _threads._serve(client, new BlockingSocketStream(client));
                // The session's last continuation runs here too; the wake-up covers one that does not.
                session.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wake);
                while (!session.IsCompleted)
                {
                    WaitAndRunPosted();
                }

                if (_threads._stopping)
                {
                    return;
                }

                _threads._idle.Push(this);
                if (_threads._stopping)
                {
                    // Stopping began while this thread went idle: wake every idle thread (this one too) to end.
                    _threads.Dispose();
                }
            }
        }

        private Socket? TakeNext()
        {
            while (!Volatile.Read(ref _handedOver))
            {
                WaitAndRunPosted();
            }

            _handedOver = false;
            return Interlocked.Exchange(ref _next, null);
        }

        private void WaitAndRunPosted()
        {
            _signal.Wait();
            _signal.Reset();
            while (_posted.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
    }
}
