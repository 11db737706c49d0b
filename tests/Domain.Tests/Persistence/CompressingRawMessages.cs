using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;

using Backscatter.Domain.Reports;
using Backscatter.Testing;

namespace Backscatter.Domain.Tests.Persistence;

public sealed class CompressingRawMessages
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4 * 1024 * 1024)]
    [InlineData(9 * 1024 * 1024 + 7)]
    public void Gives_back_the_same_bytes(int size)
    {
        var raw = new byte[size];
        new Random(size).NextBytes(raw);

        Assert.Equal(raw, RawMessage.Decompress(RawMessage.Compress(raw)));
    }

    [Fact]
    public void Gives_back_the_most_compressible_message_the_listener_accepts()
    {
        // 25 MB of one byte (the default size limit): LZ4's best ratio, about 255 to 1, which the
        // decoder's check of the claimed size must allow.
        var raw = new byte[25 * 1024 * 1024];
        Array.Fill(raw, (byte)'x');

        var compressed = RawMessage.Compress(raw);

        Assert.True(compressed.Length < raw.Length / 200);
        Assert.Equal(raw, RawMessage.Decompress(compressed));
    }

    [Fact]
    public void Shrinks_a_text_bounce()
    {
        var bounce = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(
            "Received: from mx.example.net (mx.example.net [192.0.2.1]) by in.backscatter.test\r\n", 50)));

        Assert.True(RawMessage.Compress(bounce).Length < bounce.Length / 4);
    }

    [Fact]
    public void Keeps_the_corpus_in_little_more_than_half_its_size_and_gives_every_message_back()
    {
        long raw = 0, stored = 0;
        foreach (var file in Directory.EnumerateFiles(SharedCorpus.Root, "*.eml", SearchOption.AllDirectories))
        {
            var message = File.ReadAllBytes(file);
            var compressed = RawMessage.Compress(message);
            Assert.Equal(message, RawMessage.Decompress(compressed));
            raw += message.Length;
            stored += compressed.Length;
        }

        // Measured 49 % (Brotli at quality 1 kept 40 %, ADR 0035).
        Assert.True(raw > 1_000_000, $"only {raw} bytes of corpus");
        Assert.InRange((double)stored / raw, 0.2, 0.55);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(9 * 1024 * 1024 + 7)]
    public void Writes_frames_that_the_lz4_tool_reads(int size)
    {
        var raw = TextOf(size);
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.PathOf("message.lz4"), RawMessage.Compress(raw));

        Lz4("-d", "-q", folder.PathOf("message.lz4"), folder.PathOf("message"));

        Assert.Equal(raw, File.ReadAllBytes(folder.PathOf("message")));
    }

    [Theory]
    [InlineData("--no-frame-crc")]
    [InlineData("-BX")]
    public void Reads_frames_the_lz4_tool_writes_with_independent_blocks_and_the_content_size(string checksums)
    {
        var raw = TextOf(9 * 1024 * 1024 + 7);
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.PathOf("message"), raw);

        Lz4("-q", "-B7", "-BI", "--content-size", checksums, folder.PathOf("message"), folder.PathOf("message.lz4"));

        Assert.Equal(raw, RawMessage.Decompress(File.ReadAllBytes(folder.PathOf("message.lz4"))));
    }

    [Fact]
    public void Reads_messages_stored_as_brotli_before()
    {
        var raw = TextOf(20_000);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        foreach (var quality in new[] { 1, 4 })
        {
            Assert.True(BrotliEncoder.TryCompress(raw, buffer, out var written, quality, 22));

            Assert.Equal(raw, RawMessage.Decompress(buffer.AsSpan(0, written)));
        }
    }

    [Fact]
    public void Refuses_a_damaged_frame_rather_than_giving_back_other_bytes()
    {
        var frame = RawMessage.Compress(TextOf(50_000));

        var badHeader = (byte[])frame.Clone();
        badHeader[14] ^= 0xFF;
        var cut = frame[..(frame.Length / 2)];
        var longer = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(longer.AsSpan(6), 50_001);
        longer[14] = (byte)(Lz4Frame.Xxh32Short(longer.AsSpan(4, 10)) >> 8);

        var huge = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge.AsSpan(6), 1UL << 30);
        huge[14] = (byte)(Lz4Frame.Xxh32Short(huge.AsSpan(4, 10)) >> 8);

        Assert.Throws<InvalidDataException>(() => RawMessage.Decompress(badHeader));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => RawMessage.Decompress(huge));
        // Refused from the header: a gigabyte claimed by a few kilobytes is never allocated.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.Throws<InvalidDataException>(() => RawMessage.Decompress(cut));
        Assert.Throws<InvalidDataException>(() => RawMessage.Decompress(longer));
    }

    [Theory]
    [InlineData("", 0x02CC5D05u)]
    [InlineData("a", 0x550D7456u)]
    [InlineData("abc", 0x32D153FFu)]
    public void Checks_the_frame_header_with_xxhash32(string input, uint published) =>
        Assert.Equal(published, Lz4Frame.Xxh32Short(Encoding.ASCII.GetBytes(input)));

    /// <summary>lz4's own command-line tool (Debian's lz4, installed by scripts/tools.sh test).</summary>
    private static void Lz4(params string[] arguments)
    {
        var start = new ProcessStartInfo("lz4") { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var lz4 = Process.Start(start)!;
        var errors = lz4.StandardError.ReadToEnd();
        lz4.WaitForExit();
        Assert.True(lz4.ExitCode == 0, $"lz4 {string.Join(' ', arguments)}: exit {lz4.ExitCode}, {errors}");
    }

    private sealed class TemporaryFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("raw-message-").FullName;

        public string PathOf(string name) => Path.Combine(_path, name);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }

    private static byte[] TextOf(int size)
    {
        var line = "Final-Recipient: rfc822; user@example.net\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 no such user\r\n"u8;
        var raw = new byte[size];
        for (var i = 0; i < size; i++)
        {
            raw[i] = line[i % line.Length];
        }

        return raw;
    }
}
