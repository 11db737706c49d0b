using System.Text.RegularExpressions;

using Backscatter.Domain.Verdicts;
using Backscatter.Web.Components.Pages.Setup;
using Backscatter.Web.Setup;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>The BATV section: the new secret and its configuration shown once, never a stored secret, nothing to press for viewers.</summary>
public sealed class Generating_a_batv_key : ComponentSpecification
{
    private const string Secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static readonly BatvKeyEntry Active = new(Guid.CreateVersion7(), 3, true, DateTimeOffset.UtcNow, null, null, false);

    [Fact]
    public void Should_show_the_new_secret_with_exim_configuration_that_signs_with_it()
    {
        var section = Render([Active], canChange: true);

        section.Find("[data-testid=rotate-batv-key]").Click();

        Assert.Equal(Secret, section.Find("[data-testid=batv-secret]").TextContent);
        var exim = section.Find("[data-testid=batv-exim]").TextContent;
        Assert.Contains($"BATV_SECRET = {Secret}", exim, StringComparison.Ordinal);
        Assert.Contains("BATV_KEY = 4", exim, StringComparison.Ordinal);
        Assert.Contains("return_path = ${if and {{def:return_path}{match_domain{${domain:$return_path}}{+batv_domains}}}", exim, StringComparison.Ordinal);
        Assert.Contains("{${prvs{$return_path}{BATV_SECRET}{BATV_KEY}}}fail}", exim, StringComparison.Ordinal);
        Assert.Contains("domainlist batv_domains = example.com : example.org", exim, StringComparison.Ordinal);
        // While the previous key still checks, the router picks the secret by the tag's key number.
        Assert.Contains("${if eq{$prvscheck_keynum}{3}{BATV_PREVIOUS_SECRET}{BATV_SECRET}}", exim, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ask_for_the_domains_in_the_exim_configuration_while_the_tenant_has_none()
    {
        var section = Render([Active], canChange: true, domains: []);

        section.Find("[data-testid=rotate-batv-key]").Click();

        var exim = section.Find("[data-testid=batv-exim]").TextContent;
        Assert.Contains("domainlist batv_domains = REPLACE-WITH-YOUR-DOMAINS", exim, StringComparison.Ordinal);
        Assert.Contains("You have no domains on the Setup page yet", exim, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", exim, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_strip_exactly_the_tags_exim_makes_in_the_postfix_configuration()
    {
        var section = Render([], canChange: true);
        section.Find("[data-testid=rotate-batv-key]").Click();
        section.FindAll("[role=tab]").Single(t => t.TextContent.Contains("Postfix", StringComparison.Ordinal)).Click();

        var postfix = section.Find("[data-testid=batv-postfix]").TextContent;
        var rule = Regex.Match(postfix, "^/(.+)/ +\\$\\{1\\}$", RegexOptions.Multiline).Groups[1].Value;
        var tag = BatvSignature.Sign("alice@example.com", new BatvKey(4, Secret), new DateOnly(2026, 11, 27)).ToString();

        Assert.Contains("relayhost = [batv-signer.example.com]:25", postfix, StringComparison.Ordinal);
        Assert.Equal("alice@example.com", Regex.Match(tag, rule).Groups[1].Value);
    }

    [Fact]
    public void Should_hide_the_secret_for_good_once_saved()
    {
        var section = Render([Active], canChange: true);
        section.Find("[data-testid=rotate-batv-key]").Click();

        section.FindAll("button").Single(b => b.TextContent.Contains("I have saved it", StringComparison.Ordinal)).Click();

        Assert.DoesNotContain(Secret, section.Markup, StringComparison.Ordinal);
        Assert.Contains("hidden (shown once when generated)", section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_offer_the_first_key_when_there_is_none()
    {
        var section = Render([], canChange: true);

        Assert.Equal("Generate the first key", section.Find("[data-testid=rotate-batv-key]").TextContent.Trim());
        Assert.NotNull(section.Find("[data-testid=batv-empty]"));
    }

    [Fact]
    public void Should_show_viewers_the_keys_without_buttons()
    {
        var retired = new BatvKeyEntry(Guid.CreateVersion7(), 2, false, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-12), true);

        var section = Render([Active, retired], canChange: false);

        Assert.Empty(section.FindAll("button"));
        Assert.Equal(2, section.FindAll("[data-testid=batv-keys] tbody tr").Count);
    }

    private IRenderedComponent<BatvKeysSection> Render(IReadOnlyList<BatvKeyEntry> keys, bool canChange, IReadOnlyList<string>? domains = null) =>
        Context.Render<BatvKeysSection>(p => p
            .Add(c => c.Keys, keys)
            .Add(c => c.Domains, domains ?? ["example.com", "example.org"])
            .Add(c => c.CanChange, canChange)
            .Add(c => c.OnRotate, () => Task.FromResult(new SetupResult(SetupOutcome.Changed, "Key 4 now signs.", keys.Count == 0 ? 0 : 4, Secret)))
            .Add(c => c.OnRemove, _ => Task.FromResult(SetupResult.Changed("Removed."))));
}
