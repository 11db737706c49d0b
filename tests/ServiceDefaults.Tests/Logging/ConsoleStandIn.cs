using System.Text;

namespace Backscatter.ServiceDefaults.Tests.Logging;

/// <summary>
/// A console stream for the tests: records what is written and how many writes it took, and can be
/// stalled (a console whose reader stopped reading) until released.
/// </summary>
public sealed class ConsoleStandIn : Stream
{
    private readonly MemoryStream _written = new();
    private readonly ManualResetEventSlim _open = new(true);
    private readonly Lock _lock = new();
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Set once a write has reached the stream (and, when stalled, waits there).</summary>
    public ManualResetEventSlim Entered { get; } = new(false);

    /// <summary>Set once a write is recorded.</summary>
    public ManualResetEventSlim Written { get; } = new(false);

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_written.ToArray());
            }
        }
    }

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Stall() => _open.Reset();

    public void Release() => _open.Set();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Entered.Set();
        _open.Wait();
        lock (_lock)
        {
            _written.Write(buffer);
        }

        Interlocked.Increment(ref _writes);
        Written.Set();
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
            _open.Dispose();
            Entered.Dispose();
            Written.Dispose();
        }

        base.Dispose(disposing);
    }
}
