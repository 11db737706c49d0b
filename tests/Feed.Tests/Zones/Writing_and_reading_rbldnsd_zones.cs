using System.Net;

using Backscatter.Feed.Dns;
using Backscatter.Feed.Zones;

namespace Backscatter.Feed.Tests.Zones;

public class Writing_and_reading_rbldnsd_zones
{
    private static readonly DnsFeedOptions Options = new();

    [Fact]
    public async Task Should_write_an_ip4set_that_rbldnsd_and_the_reader_understand()
    {
        var text = await WriteAsync(RunningDnsFeed.BuildSnapshot(42), RbldnsdDataset.Ip4Set);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("$SOA 3600 ns1.backscatter.test hostmaster.backscatter.test 42 3600 600 604800 300", lines);
        Assert.Contains("$NS 3600 ns1.backscatter.test", lines);
        Assert.Contains("127.0.0.2 :127.0.0.2:$ is the RFC 5782 test point of this list; see http://127.0.0.1:5080/lookup/$", lines);
        Assert.Contains("93.184.216.34 :127.0.0.2:$ reflected 17 backscatter messages to 3 networks, last seen 2026-11-20; see http://127.0.0.1:5080/lookup/$", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("5.6.7.8 ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("2a00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_write_an_ip6trie_with_the_IPv6_listings_only()
    {
        var text = await WriteAsync(RunningDnsFeed.BuildSnapshot(42), RbldnsdDataset.Ip6Trie);

        Assert.Contains("2a00:1450:4001:81c::200e :127.0.0.4:$ reflected 4 backscatter messages to 2 networks, last seen 2026-11-20;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("93.184.216.34", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RbldnsdDataset.Ip4Set)]
    [InlineData(RbldnsdDataset.Ip6Trie)]
    public async Task Should_read_back_what_it_wrote(RbldnsdDataset dataset)
    {
        var original = RunningDnsFeed.BuildSnapshot(42);
        var builder = new ListingSnapshotBuilder();

        RbldnsdZoneReader.Read(new StringReader(await WriteAsync(original, dataset)), builder, CancellationToken.None);
        var copy = builder.Build(43);

        if (dataset == RbldnsdDataset.Ip4Set)
        {
            Assert.Equal(original.IPv4Addresses.ToArray(), copy.IPv4Addresses.ToArray());
            Assert.Equal(original.IPv4Facts.ToArray(), copy.IPv4Facts.ToArray());
        }
        else
        {
            Assert.Equal(original.IPv6Addresses.ToArray(), copy.IPv6Addresses.ToArray());
            Assert.Equal(original.IPv6Facts.ToArray(), copy.IPv6Facts.ToArray());
        }
    }

    [Fact]
    public void Should_read_rbldnsd_defaults_numeric_codes_and_foreign_text()
    {
        const string zone = """
            # a mirror's file
            $SOA 3600 ns.example hostmaster.example 1 3600 600 86400 300
            :127.0.0.3:Listed by someone else
            192.0.2.1
            192.0.2.2 :5:virus
            192.0.2.3 :127.0.0.4:
            2001:db8::1 :2:Bounces
            192.0.2.4/32
            """;
        var builder = new ListingSnapshotBuilder();

        var entries = RbldnsdZoneReader.Read(new StringReader(zone), builder, CancellationToken.None);
        var snapshot = builder.Build(1);

        Assert.Equal(5, entries);
        Assert.True(snapshot.TryFind(0xC0000201u, out var first));
        Assert.Equal(new ListingFacts(1u << 3, 0, 0, 0), first);
        Assert.True(snapshot.TryFind(0xC0000202u, out var second));
        Assert.Equal(1u << 5, second.CodeMask);
        Assert.True(snapshot.TryFind(0xC0000203u, out var third));
        Assert.Equal(1u << 4, third.CodeMask);
        Assert.True(snapshot.TryFind(0xC0000204u, out _));
        Assert.Equal(1, snapshot.IPv6Addresses.Length);
    }

    [Theory]
    [InlineData("192.0.2.0/24", 1)]
    [InlineData("# a comment\n192.0.2.1-192.0.2.9", 2)]
    [InlineData("192.0.2.1\n192.0.2", 2)]
    [InlineData("!192.0.2.1", 1)]
    [InlineData("192.0.2.1 :127.0.0.99:too high", 1)]
    [InlineData("192.0.2.1 :10.0.0.2:not loopback", 1)]
    public void Should_refuse_what_it_cannot_serve_with_the_line_number(string zone, int line)
    {
        var error = Assert.Throws<FormatException>(() =>
            RbldnsdZoneReader.Read(new StringReader(zone), new ListingSnapshotBuilder(), CancellationToken.None));

        Assert.StartsWith($"Zone line {line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_merge_several_lines_of_one_address_into_its_codes()
    {
        var builder = new ListingSnapshotBuilder();

        RbldnsdZoneReader.Read(new StringReader("8.8.8.8 :2:\n8.8.8.8 :4:\n"), builder, CancellationToken.None);

        Assert.True(builder.Build(1).TryFind(IPAddressNumber("8.8.8.8"), out var facts));
        Assert.Equal((1u << 2) | (1u << 4), facts.CodeMask);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Should_read_every_kind_of_line_end_however_the_text_arrives(int charactersPerRead)
    {
        // CR LF, LF and a lone CR end lines, as for TextReader.ReadLine; the last line has no end.
        const string zone = "192.0.2.1\r\n192.0.2.2 :4:\n\r\n192.0.2.3\r192.0.2.4 :5:x\r\n\n192.0.2.5";
        var builder = new ListingSnapshotBuilder();

        var entries = RbldnsdZoneReader.Read(new TricklingReader(zone, charactersPerRead), builder, CancellationToken.None);

        Assert.Equal(5, entries);
        var snapshot = builder.Build(1);
        Assert.Equal([0xC0000201u, 0xC0000202u, 0xC0000203u, 0xC0000204u, 0xC0000205u], snapshot.IPv4Addresses.ToArray());
        Assert.Equal(1u << 4, snapshot.IPv4Facts.Span[1].CodeMask);
        Assert.Equal(1u << 5, snapshot.IPv4Facts.Span[3].CodeMask);
    }

    [Fact]
    public void Should_read_a_file_many_times_longer_than_its_buffer()
    {
        var zone = string.Join('\n', Enumerable.Range(0, 200_000).Select(i => $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255} :2:reflected"));

        var entries = RbldnsdZoneReader.Read(new StringReader(zone), new ListingSnapshotBuilder(), CancellationToken.None);

        Assert.Equal(200_000, entries);
    }

    [Fact]
    public void Should_refuse_a_line_too_long_with_its_number_instead_of_holding_it_all()
    {
        var zone = "192.0.2.1\n192.0.2.2 :2:" + new string('x', 3 * RbldnsdZoneReader.MaxLineLength) + "\n192.0.2.3";

        var error = Assert.Throws<FormatException>(() =>
            RbldnsdZoneReader.Read(new StringReader(zone), new ListingSnapshotBuilder(), CancellationToken.None));

        Assert.StartsWith("Zone line 2:", error.Message, StringComparison.Ordinal);
    }

    private static uint IPAddressNumber(string address) => (uint)Backscatter.Domain.Net.IpNetwork.ToNumber(IPAddress.Parse(address));

    private static async Task<string> WriteAsync(ListingSnapshot snapshot, RbldnsdDataset dataset)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        await RbldnsdZoneWriter.WriteAsync(snapshot, dataset, Options, writer, CancellationToken.None);
        return writer.ToString();
    }

    /// <summary>Hands out the text a few characters per read, as a slow pipe or a file read in odd blocks would.</summary>
    private sealed class TricklingReader(string text, int charactersPerRead) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, charactersPerRead), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
