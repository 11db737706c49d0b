using System.Buffers;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// The data block of one message as it streams in, in arrays rented from the shared pool: a
/// session per message would otherwise allocate (and the GC clear) a fresh buffer for each.
/// </summary>
internal sealed class MessageBuffer : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    public int Length { get; private set; }

    /// <summary>The bytes so far; valid until the buffer is disposed.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    /// <summary>Appends a line's content and its line feed.</summary>
    public void AppendLine(ReadOnlySpan<byte> content)
    {
        var needed = Length + content.Length + 1;
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        content.CopyTo(_buffer.AsSpan(Length));
        _buffer[Length + content.Length] = (byte)'\n';
        Length = needed;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            Length = 0;
        }
    }
}
