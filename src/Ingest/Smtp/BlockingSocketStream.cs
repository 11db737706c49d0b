using System.Net.Sockets;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// A connection read and written with blocking system calls, for a session on a thread of its own
/// (<see cref="SmtpSessionThreads"/>): the asynchronous methods complete before they return, so the
/// session's code runs unchanged, and the kernel wakes the session's thread itself when the client
/// sends, with no event thread or thread-pool thread in between.
/// </summary>
/// <remarks>
/// Only blocking calls may ever be made on the socket: the first asynchronous one would switch it to
/// non-blocking for good, and the blocking calls would then be emulated through the event thread.
/// </remarks>
internal sealed class BlockingSocketStream(Socket socket) : Stream
{
    private int _receiving;
    private volatile bool _interrupted;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Ends a receive that is waiting (a timeout, or shutdown): the client can no longer send, and the
    /// waiting read throws <see cref="OperationCanceledException"/>; replies can still be written.
    /// Does nothing while no receive waits: the watchdog calls again on its next tick if need be.
    /// </summary>
    public void Interrupt()
    {
        if (Volatile.Read(ref _receiving) == 0)
        {
            return;
        }

        _interrupted = true;
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing waits any more.
        }
    }

    public override int Read(Span<byte> buffer)
    {
        int received;
        Volatile.Write(ref _receiving, 1);
        try
        {
            received = socket.Receive(buffer);
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }

        if (received == 0 && _interrupted)
        {
            throw new OperationCanceledException();
        }

        return received;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            // A blocking send returns once everything is in the socket's buffer.
            while (buffer.Length > 0)
            {
                buffer = buffer[socket.Send(buffer)..];
            }
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }
}
