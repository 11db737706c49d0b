using System.Net;
using System.Text.RegularExpressions;

namespace Backscatter.Web.Tests.Lookup;

/// <summary>The public page an MTA admin reaches from the feed's TXT answer, against a real migrated database.</summary>
public sealed class Looking_up_an_address(RunningPortal portal) : IClassFixture<RunningPortal>
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string ip)
    {
        using var client = portal.CreateClient();
        // As the TXT answer writes it: the address as it is, colons and all.
        using var response = await client.GetAsync(new Uri("/lookup/" + ip, UriKind.Relative));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Should_show_a_listed_address_with_its_dates_behaviour_and_the_fix_for_its_software()
    {
        var (status, html) = await GetAsync(RunningPortal.Listed.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("81.2.69.160 is listed", html, StringComparison.Ordinal);
        Assert.Contains("Listed since " + Time(RunningPortal.LastSeen), StripTags(html), StringComparison.Ordinal);
        Assert.Contains("until " + Time(RunningPortal.LastSeen.AddDays(28)), StripTags(html), StringComparison.Ordinal);
        Assert.Contains("127.0.0.2 — sends bounces to forged senders", html, StringComparison.Ordinal);
        Assert.Contains("127.0.0.3 — sends auto-replies to forged senders", html, StringComparison.Ordinal);
        Assert.Contains("3 backscatter message(s) to 2 network(s)", html, StringComparison.Ordinal);
        Assert.Contains("Bounces (non-delivery reports): 2", html, StringComparison.Ordinal);
        Assert.Contains("Auto-replies: 1", html, StringComparison.Ordinal);
        Assert.Contains("smtpd_reject_unlisted_recipient", html, StringComparison.Ordinal);
        Assert.Contains("Send no automatic replies", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_no_tenants_data()
    {
        var (_, html) = await GetAsync(RunningPortal.Listed.ToString());

        Assert.DoesNotContain(RunningPortal.SecretTenantName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Umbrella", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RunningPortal.SecretIngestAddress, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(portal.First.Id.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(portal.Second.Id.ToString(), html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Should_link_the_stylesheet_that_colours_listed_and_unlisted_headings()
    {
        var (_, html) = await GetAsync(RunningPortal.Listed.ToString());
        var link = Regex.Match(html, "href=\"([^\"]*Backscatter\\.Web\\.[^\"]*styles\\.css)\"");
        Assert.True(link.Success, "the page links no scoped stylesheet");

        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri(link.Groups[1].Value, UriKind.Relative));
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"\.listed\[b-[a-z0-9]+\]", css);
        Assert.Matches(@"\.not-listed\[b-[a-z0-9]+\]", css);
    }

    [Theory]
    [InlineData("81.2.69.161", "81.2.69.161 is not listed", "No backscatter from this address has been seen.")]
    [InlineData("2a01:4f8:c17:1::25", "2a01:4f8:c17:1::25 is not listed", "No backscatter from this address has been seen.")]
    [InlineData("10.1.2.3", "10.1.2.3 is not listed", "never listed")]
    public async Task Should_show_an_unlisted_address_as_not_listed(string ip, string heading, string explanation)
    {
        var (status, html) = await GetAsync(ip);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains(explanation, html, StringComparison.Ordinal);
        Assert.DoesNotContain(" is listed", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("1.2")]
    [InlineData("300.1.2.3")]
    [InlineData("fe80::1%eth0")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Should_answer_400_with_a_clear_message_for_something_that_is_not_an_address(string input)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/lookup/" + Uri.EscapeDataString(input), UriKind.Relative));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not an IPv4 or IPv6 address", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string StripTags(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "").ReplaceLineEndings(" ");
}
