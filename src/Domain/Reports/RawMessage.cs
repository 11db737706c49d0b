using System.IO.Compression;
using System.Security.Cryptography;

namespace Backscatter.Domain.Reports;

/// <summary>
/// How raw messages are kept: Brotli at a fast level. Bounces are text and compress 4-8x, and
/// already-compressed data keeps PostgreSQL from compressing the column a second time.
/// </summary>
public static class RawMessage
{
    // Quality 4 compresses a 4 KB bounce in microseconds; higher levels cost far more for little.
    private const int Quality = 4;
    private const int Window = 22;

    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress into a buffer of its own maximum size.");
        }

        return buffer.AsSpan(0, written).ToArray();
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
