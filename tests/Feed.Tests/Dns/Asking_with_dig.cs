using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Asking_with_dig(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Theory]
    [InlineData("+notcp")]
    [InlineData("+tcp")]
    public async Task Should_answer_a_listed_address(string transport)
    {
        var output = await DigAsync(feed.Port, transport, "+short", NameOf(RunningDnsFeed.Everything), "A");

        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.5"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Should_answer_the_TXT_reason()
    {
        var output = await DigAsync(feed.Port, "+short", NameOf(RunningDnsFeed.Bouncer), "TXT");

        Assert.Equal(
            "\"93.184.216.34 reflected 17 backscatter messages to 3 networks, last seen 2026-11-20; see http://127.0.0.1:5080/lookup/93.184.216.34\"",
            output.Trim());
    }

    [Theory]
    [InlineData("+notcp")]
    [InlineData("+tcp")]
    public async Task Should_answer_NXDOMAIN_with_the_SOA(string transport)
    {
        var output = await DigAsync(feed.Port, transport, "+norecurse", "4.3.2.1." + RunningDnsFeed.Zone, "A");

        Assert.Contains("status: NXDOMAIN", output, StringComparison.Ordinal);
        Assert.Contains("flags: qr aa", output, StringComparison.Ordinal);
        Assert.Contains("AUTHORITY: 1", output, StringComparison.Ordinal);
        Assert.Matches(@"bl\.backscatter\.test\.\s+300\s+IN\s+SOA\s+ns1\.backscatter\.test\. hostmaster\.backscatter\.test\. 2026112601 ", output);
    }

    [Fact]
    public async Task Should_answer_an_IPv6_test_point()
    {
        var output = await DigAsync(feed.Port, "+short", NameOf(System.Net.IPAddress.Parse("::ffff:7f00:2")), "A");

        Assert.Equal("127.0.0.2", output.Trim());
    }

    [Fact]
    public async Task Should_answer_without_EDNS_within_512_bytes()
    {
        var output = await DigAsync(feed.Port, "+noedns", "+ignore", NameOf(RunningDnsFeed.Everything), "ANY");

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.DoesNotContain("OPT PSEUDOSECTION", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" tc", output, StringComparison.Ordinal);
        Assert.Matches(@"MSG SIZE\s+rcvd: ([1-4]\d\d|5(0\d|1[0-2]))\b", output);
    }
}
