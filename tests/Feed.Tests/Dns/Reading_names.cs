using System.Text;

using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Tests.Dns;

public class Reading_names
{
    [Fact]
    public void Should_follow_a_backward_pointer()
    {
        // "example" at 12, then at 21 "www" + pointer to 12.
        byte[] message = [.. new byte[12], 7, .. "example"u8, 0, 3, .. "www"u8, 0xC0, 12];

        var ok = Read(message, 21, out var name, out var labels, out var end);

        Assert.True(ok);
        Assert.Equal("www.example", name);
        Assert.Equal(2, labels);
        Assert.Equal(message.Length, end);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 })]
    [InlineData(new byte[] { 1, (byte)'a', 0xC0, 12 })]
    [InlineData(new byte[] { 0xC0, 14, 0xC0, 12 })]
    [InlineData(new byte[] { 0xC0 })]
    [InlineData(new byte[] { 0x80, 0 })]
    [InlineData(new byte[] { 5, (byte)'a' })]
    public void Should_refuse_loops_forward_pointers_and_truncation(byte[] name)
    {
        Assert.False(Read([.. new byte[12], .. name], 12, out _, out _, out _));
    }

    [Fact]
    public void Should_refuse_a_name_longer_than_255_bytes()
    {
        var labels = Enumerable.Repeat<byte[]>([63, .. Enumerable.Repeat((byte)'a', 63)], 4).SelectMany(l => l);
        byte[] message = [.. new byte[12], .. labels, 0];

        Assert.False(Read(message, 12, out _, out _, out _));
    }

    [Fact]
    public void Should_accept_a_name_of_exactly_255_bytes()
    {
        byte[] label63 = [63, .. Enumerable.Repeat((byte)'a', 63)];
        byte[] message = [.. new byte[12], .. label63, .. label63, .. label63, 61, .. Enumerable.Repeat((byte)'b', 61), 0];

        Assert.True(Read(message, 12, out var name, out _, out _));
        Assert.Equal(253, name.Length);
    }

    private static bool Read(byte[] message, int start, out string name, out int labelCount, out int end)
    {
        var wire = new byte[255];
        var starts = new byte[128];
        var ok = DnsResponder.TryReadName(message, start, wire, out var length, starts, out labelCount, out end);
        var parts = new List<string>();
        for (var i = 0; ok && i < labelCount; i++)
        {
            parts.Add(Encoding.ASCII.GetString(wire, starts[i] + 1, wire[starts[i]]));
        }

        name = string.Join('.', parts);
        return ok && length > 0;
    }
}
