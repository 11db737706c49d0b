using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Backscatter.Domain.Reports;

/// <summary>
/// How raw messages are kept: Brotli at its fastest useful level. Bounces are text and compress
/// 2.5-8x, and already-compressed data keeps PostgreSQL from compressing the column a second time.
/// </summary>
public static class RawMessage
{
    // Quality 1 (ADR 0014): a 4 KB bounce in about a quarter of quality 4's CPU, 5 % larger.
    // The format is the same at every quality, so messages stored at quality 4 read back alike.
    private const int Quality = 1;
    private const int Window = 22;

    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(raw.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(raw, buffer, out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli could not compress into a buffer of its own maximum size.");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static byte[] Decompress(ReadOnlySpan<byte> compressed)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Sha256(ReadOnlySpan<byte> raw) => SHA256.HashData(raw);
}
