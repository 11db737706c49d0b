using System.IO.Compression;
using System.Security.Cryptography;

namespace Backscatter.Domain.Reports;

/// <summary>
/// How raw messages are kept: LZ4 frames (ADR 0035), which cost a third of Brotli's CPU on the path
/// that answers 250; bounces are text and still shrink 2-2.5x. Messages stored before as Brotli
/// (ADR 0014) read back alike: an LZ4 frame starts with its magic number, and a Brotli stream with
/// the 22-bit window this store used never does.
/// </summary>
public static class RawMessage
{
    public static byte[] Compress(ReadOnlySpan<byte> raw) => Lz4Frame.Encode(raw);

    public static byte[] Decompress(ReadOnlySpan<byte> compressed)
    {
        if (Lz4Frame.IsFrame(compressed))
        {
            return Lz4Frame.Decode(compressed);
        }

        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Sha256(ReadOnlySpan<byte> raw) => SHA256.HashData(raw);
}
