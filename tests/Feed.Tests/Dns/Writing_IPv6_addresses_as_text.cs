using System.Buffers.Binary;
using System.Net;
using System.Text;

using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Tests.Dns;

/// <summary>
/// The TXT answers' IPv6 text, written without an IPAddress, must read exactly as IPAddress writes it:
/// the lookup page and the zone export use IPAddress, and one reflector must have one name everywhere.
/// </summary>
public class Writing_IPv6_addresses_as_text
{
    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("1::")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:0:0:1::1")]
    [InlineData("1:0:0:2:0:0:0:3")]
    [InlineData("2a00:1450:4001:81c::200e")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::ffff:127.0.0.2")]
    [InlineData("::192.0.2.1")]
    [InlineData("::ffff:0:192.0.2.1")]
    [InlineData("2001:db8::5efe:192.0.2.1")]
    public void Should_write_what_IPAddress_writes(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.Equal(address.ToString(), Write(address));
    }

    [Fact]
    public void Should_write_what_IPAddress_writes_for_a_hundred_thousand_addresses_with_zeros_anywhere()
    {
        var random = new Random(5952);
        Span<byte> bytes = stackalloc byte[16];
        for (var n = 0; n < 100_000; n++)
        {
            random.NextBytes(bytes);
            // Zero groups where a random mask says, so that runs of every length and place occur.
            var zeros = random.Next(256);
            for (var group = 0; group < 8; group++)
            {
                if ((zeros & (1 << group)) != 0)
                {
                    bytes[2 * group] = 0;
                    bytes[(2 * group) + 1] = 0;
                }
            }

            var address = new IPAddress(bytes);
            Assert.Equal(address.ToString(), Write(address));
        }
    }

    [Fact]
    public void Should_not_allocate()
    {
        var address = BinaryPrimitives.ReadUInt128BigEndian(IPAddress.Parse("2001:db8:0:0:1::1").GetAddressBytes());
        var text = new byte[Ipv6Text.MaxLength];
        Ipv6Text.Format(address, text);

        Assert.Equal(0, Testing.ThreadAllocations.FewestBytes(1000, () => Ipv6Text.Format(address, text)));
    }

    private static string Write(IPAddress address)
    {
        Span<byte> text = stackalloc byte[Ipv6Text.MaxLength];
        var length = Ipv6Text.Format(BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes()), text);
        return Encoding.ASCII.GetString(text[..length]);
    }
}
