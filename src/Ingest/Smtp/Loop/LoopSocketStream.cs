using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Backscatter.Ingest.Smtp.Loop;

/// <summary>
/// A non-blocking TCP connection owned by one <see cref="SessionLoop"/>: reads and writes are tried
/// at once, and only a read that finds nothing waits for the loop's next readiness event, whose
/// thread then completes it. Every member but the cancellation callback runs on the loop's thread.
/// </summary>
internal sealed unsafe class LoopSocketStream : Stream, IValueTaskSource<int>
{
    private const int Peek = 2; // MSG_PEEK

    private readonly SessionLoop _loop;
    private readonly int _socket;
    private ManualResetValueTaskSourceCore<int> _read;
    private Memory<byte> _readBuffer;
    private bool _reading;
    private CancellationTokenRegistration _readCancellation;
    private ReadOnlyMemory<byte> _unsent;
    private TaskCompletionSource? _writing;
    private bool _closed;

    public LoopSocketStream(SessionLoop loop, int socket, int slot)
    {
        _loop = loop;
        _socket = socket;
        Slot = slot;
    }

    /// <summary>This connection's place in the loop's table; the poll events carry it.</summary>
    public int Slot { get; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_reading)
        {
            throw new InvalidOperationException("A read is already waiting on this connection.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        var received = TryReceive(buffer.Span, out var error);
        if (error is not null)
        {
            return ValueTask.FromException<int>(error);
        }

        if (received >= 0)
        {
            return new ValueTask<int>(received);
        }

        _read.Reset();
        _reading = true;
        _readBuffer = buffer;
        if (cancellationToken.CanBeCanceled)
        {
            // Cancelled from another thread (the listener's watchdog, shutdown): the loop ends the read.
            var version = _read.Version;
            _readCancellation = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (stream, version) = ((LoopSocketStream, short))state!;
                    stream._loop.Post(static s => ((Action)s!)(), () => stream.CancelRead(version, token));
                },
                (this, version));
        }

        return new ValueTask<int>(this, _read.Version);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var sent = TrySend(buffer.Span, out var error);
        if (error is not null)
        {
            return ValueTask.FromException(error);
        }

        if (sent == buffer.Length)
        {
            return ValueTask.CompletedTask;
        }

        // The send buffer is full (a client that does not read): the rest goes when the loop says writable.
        _unsent = buffer[sent..];
        _writing = new TaskCompletionSource();
        return new ValueTask(_writing.Task);
    }

    /// <summary>The loop saw readiness (or an error or hang-up) on this connection.</summary>
    public void OnReady(uint events)
    {
        if (_reading && (events & (Libc.Readable | Libc.Failed)) != 0)
        {
            var received = TryReceive(_readBuffer.Span, out var error);
            if (error is not null)
            {
                EndRead().SetException(error);
            }
            else if (received >= 0)
            {
                EndRead().SetResult(received);
            }
        }

        if (_writing is not null && (events & (Libc.Writable | Libc.Failed)) != 0)
        {
            var sent = TrySend(_unsent.Span, out var error);
            if (error is not null || sent == _unsent.Length)
            {
                var writing = _writing;
                _writing = null;
                _unsent = default;
                if (error is null)
                {
                    writing.SetResult();
                }
                else
                {
                    writing.SetException(error);
                }
            }
            else
            {
                _unsent = _unsent[sent..];
            }
        }
    }

    private void CancelRead(short version, CancellationToken token)
    {
        if (_reading && _read.Version == version)
        {
            EndRead().SetException(new OperationCanceledException(token));
        }
    }

    private ref ManualResetValueTaskSourceCore<int> EndRead()
    {
        _reading = false;
        _readBuffer = default;
        _readCancellation.Unregister();
        _readCancellation = default;
        return ref _read;
    }

    /// <returns>Bytes received (0 at the end of the stream), or -1 when nothing is waiting.</returns>
    private int TryReceive(Span<byte> buffer, out Exception? error)
    {
        error = null;
        // A zero-byte read (SslStream makes them) waits for data without taking any.
        byte probe;
        var length = buffer.IsEmpty ? 1 : buffer.Length;
        var flags = buffer.IsEmpty ? Peek : 0;
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var received = Libc.Receive(_socket, buffer.IsEmpty ? &probe : start, length, flags);
                if (received >= 0)
                {
                    return buffer.IsEmpty ? 0 : (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.Interrupted)
                {
                    continue;
                }

                if (errno != Libc.WouldBlock)
                {
                    error = new IOException("The connection failed while reading.", new SocketException(errno));
                }

                return -1;
            }
        }
    }

    private int TrySend(ReadOnlySpan<byte> buffer, out Exception? error)
    {
        error = null;
        var total = 0;
        fixed (byte* start = buffer)
        {
            while (total < buffer.Length)
            {
                var sent = Libc.Send(_socket, start + total, buffer.Length - total, Libc.NoSignal);
                if (sent >= 0)
                {
                    total += (int)sent;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.Interrupted)
                {
                    continue;
                }

                if (errno != Libc.WouldBlock)
                {
                    error = new IOException("The connection failed while writing.", new SocketException(errno));
                }

                break;
            }
        }

        return total;
    }

    protected override void Dispose(bool disposing)
    {
        if (_closed)
        {
            return;
        }

        if (!_loop.IsCurrent)
        {
            _loop.Post(static s => ((LoopSocketStream)s!).Dispose(), this);
            return;
        }

        _closed = true;
        if (_reading)
        {
            EndRead().SetException(new ObjectDisposedException(nameof(LoopSocketStream)));
        }

        _writing?.TrySetException(new ObjectDisposedException(nameof(LoopSocketStream)));
        _writing = null;
        _loop.Forget(Slot);
        // Closing the descriptor also takes it out of the loop's poll set.
        Libc.Close(_socket);
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    // Blocking calls would stall every session of the loop.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    int IValueTaskSource<int>.GetResult(short token) => _read.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _read.OnCompleted(continuation, state, token, flags);
}
