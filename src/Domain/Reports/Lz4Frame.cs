using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

using K4os.Compression.LZ4;

namespace Backscatter.Domain.Reports;

/// <summary>
/// The LZ4 frame format (lz4's own: <c>lz4 -d</c> reads it), written here rather than through a
/// streaming encoder, which costs as much again as the compression for a 4 KB bounce. Blocks are
/// independent and at most 4 MB; the frame carries the content size, so decoding allocates once.
/// </summary>
internal static class Lz4Frame
{
    private const uint Magic = 0x184D2204;
    // Version 01, independent blocks, no block checksums, content size present, no content checksum.
    private const byte Flags = 0b0110_1000;
    private const byte BlockDescriptor = 7 << 4;
    private const int BlockSize = 4 * 1024 * 1024;
    private const int HeaderLength = 4 + 2 + 8 + 1;
    private const uint Uncompressed = 0x8000_0000;

    public static bool IsFrame(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(data) == Magic;

    public static byte[] Encode(ReadOnlySpan<byte> raw)
    {
        var blocks = Math.Max(1, (raw.Length + BlockSize - 1) / BlockSize);
        var bound = HeaderLength + (blocks * 4) + LZ4Codec.MaximumOutputSize(Math.Min(raw.Length, BlockSize)) * blocks + 4;
        var buffer = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var output = buffer.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(output, Magic);
            output[4] = Flags;
            output[5] = BlockDescriptor;
            BinaryPrimitives.WriteUInt64LittleEndian(output[6..], (ulong)raw.Length);
            output[14] = (byte)(Xxh32Short(output[4..14]) >> 8);
            var written = HeaderLength;
            for (var offset = 0; offset < raw.Length; offset += BlockSize)
            {
                var block = raw.Slice(offset, Math.Min(BlockSize, raw.Length - offset));
                var target = output[(written + 4)..];
                var length = LZ4Codec.Encode(block, target, LZ4Level.L00_FAST);
                if (length <= 0 || length >= block.Length)
                {
                    // Incompressible (binary, or already compressed): kept as it is, as the format allows.
                    block.CopyTo(target);
                    BinaryPrimitives.WriteUInt32LittleEndian(output[written..], (uint)block.Length | Uncompressed);
                    written += 4 + block.Length;
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(output[written..], (uint)length);
                    written += 4 + length;
                }
            }

            BinaryPrimitives.WriteUInt32LittleEndian(output[written..], 0);
            return output[..(written + 4)].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes a frame as <see cref="Encode"/> writes it (also with checksums, which are skipped).</summary>
    /// <exception cref="InvalidDataException">The frame is damaged or uses features this store never writes.</exception>
    public static byte[] Decode(ReadOnlySpan<byte> frame)
    {
        if (!IsFrame(frame) || frame.Length < 7)
        {
            throw new InvalidDataException("Not an LZ4 frame.");
        }

        var flags = frame[4];
        var hasContentSize = (flags & 0b0000_1000) != 0;
        if (flags >> 6 != 0b01 || (flags & 0b0010_0000) == 0 || !hasContentSize || (flags & 0b0000_0001) != 0)
        {
            throw new InvalidDataException("An LZ4 frame this store does not write (linked blocks, a dictionary or no content size).");
        }

        var blockChecksums = (flags & 0b0001_0000) != 0;
        if (frame.Length < HeaderLength)
        {
            throw new InvalidDataException("The LZ4 frame's header is cut short.");
        }

        if ((byte)(Xxh32Short(frame[4..14]) >> 8) != frame[14])
        {
            throw new InvalidDataException("The LZ4 frame's header checksum does not match.");
        }

        // LZ4 cannot shrink anything by more than about 255 to 1: a larger claim is damage, refused
        // before it is allocated.
        var contentSize = BinaryPrimitives.ReadUInt64LittleEndian(frame[6..]);
        if (contentSize > Math.Min((ulong)Array.MaxLength, ((ulong)frame.Length * 256) + 65_536))
        {
            throw new InvalidDataException($"The LZ4 frame of {frame.Length} bytes claims {contentSize} bytes of content.");
        }

        var output = GC.AllocateUninitializedArray<byte>((int)contentSize);
        var produced = 0;
        var position = HeaderLength;
        while (true)
        {
            if (frame.Length - position < 4)
            {
                throw new InvalidDataException("The LZ4 frame ends inside a block.");
            }

            var header = BinaryPrimitives.ReadUInt32LittleEndian(frame[position..]);
            position += 4;
            if (header == 0)
            {
                break;
            }

            var length = (int)(header & ~Uncompressed);
            if (length > frame.Length - position || length > BlockSize)
            {
                throw new InvalidDataException("An LZ4 block runs past the end of the frame.");
            }

            var block = frame.Slice(position, length);
            var target = output.AsSpan(produced, Math.Min(BlockSize, output.Length - produced));
            int decoded;
            if ((header & Uncompressed) != 0)
            {
                if (length > target.Length)
                {
                    throw new InvalidDataException("The LZ4 frame holds more than its content size.");
                }

                block.CopyTo(target);
                decoded = length;
            }
            else
            {
                decoded = LZ4Codec.Decode(block, target);
                if (decoded < 0)
                {
                    throw new InvalidDataException("An LZ4 block is damaged.");
                }
            }

            produced += decoded;
            position += length + (blockChecksums ? 4 : 0);
        }

        if (produced != output.Length)
        {
            throw new InvalidDataException($"The LZ4 frame holds {produced} bytes, its header says {output.Length}.");
        }

        return output;
    }

    /// <summary>XXH32 with seed 0 of fewer than 16 bytes: all the frame's header checksum needs.</summary>
    internal static uint Xxh32Short(ReadOnlySpan<byte> input)
    {
        const uint Prime1 = 2654435761U, Prime2 = 2246822519U, Prime3 = 3266489917U, Prime4 = 668265263U, Prime5 = 374761393U;
        if (input.Length >= 16)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Only inputs shorter than 16 bytes.");
        }

        var hash = Prime5 + (uint)input.Length;
        var i = 0;
        for (; i + 4 <= input.Length; i += 4)
        {
            hash += BinaryPrimitives.ReadUInt32LittleEndian(input[i..]) * Prime3;
            hash = BitOperations.RotateLeft(hash, 17) * Prime4;
        }

        for (; i < input.Length; i++)
        {
            hash += input[i] * Prime5;
            hash = BitOperations.RotateLeft(hash, 11) * Prime1;
        }

        hash ^= hash >> 15;
        hash *= Prime2;
        hash ^= hash >> 13;
        hash *= Prime3;
        hash ^= hash >> 16;
        return hash;
    }
}
