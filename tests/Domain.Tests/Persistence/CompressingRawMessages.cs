using System.Text;

using Backscatter.Domain.Reports;

namespace Backscatter.Domain.Tests.Persistence;

public sealed class CompressingRawMessages
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(5 * 1024 * 1024)]
    public void Gives_back_the_same_bytes(int size)
    {
        var raw = new byte[size];
        new Random(size).NextBytes(raw);

        Assert.Equal(raw, RawMessage.Decompress(RawMessage.Compress(raw)));
    }

    [Fact]
    public void Shrinks_a_text_bounce()
    {
        var bounce = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(
            "Received: from mx.example.net (mx.example.net [192.0.2.1]) by in.backscatter.test\r\n", 50)));

        Assert.True(RawMessage.Compress(bounce).Length < bounce.Length / 4);
    }
}
