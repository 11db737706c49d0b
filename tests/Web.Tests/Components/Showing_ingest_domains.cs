using Backscatter.Domain.Tenancy;
using Backscatter.Web.Components.Pages.Setup;
using Backscatter.Web.Setup;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>The Direct MX section: what to publish for a pending domain, the outcome of "Check now" beside it, nothing to press for viewers.</summary>
public sealed class Showing_ingest_domains : ComponentSpecification
{
    private static readonly IngestDomainEntry Pending = new(
        Guid.CreateVersion7(), "bounces.example.com", DateTimeOffset.UtcNow, null,
        "_backscatter-verify.bounces.example.com", "backscatter-verify=abcdefghijklmnopqrstuvwxyz234567");

    private static readonly IngestDomainEntry Verified = Pending with
    {
        Id = Guid.CreateVersion7(),
        Name = "mx.example.org",
        VerifiedAt = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero),
        RecordName = "_backscatter-verify.mx.example.org",
    };

    private readonly List<string> _added = [];

    [Fact]
    public void Should_show_the_txt_and_mx_records_to_publish_for_a_pending_domain()
    {
        var section = Render([Pending], canChange: true);

        Assert.Equal("Pending verification", section.Find("[data-testid=ingest-domain-status]").TextContent.Trim());
        Assert.Equal("_backscatter-verify.bounces.example.com", section.Find("[data-testid=txt-name]").TextContent);
        Assert.Equal("backscatter-verify=abcdefghijklmnopqrstuvwxyz234567", section.Find("[data-testid=txt-value]").TextContent);
        Assert.Equal(
            "_backscatter-verify.bounces.example.com. IN TXT \"backscatter-verify=abcdefghijklmnopqrstuvwxyz234567\"\nbounces.example.com. IN MX 10 in.backscatter.test.",
            section.Find("[data-testid=zone-lines]").TextContent);
        Assert.NotNull(section.Find("[data-testid=check-ingest-domain]"));
    }

    [Fact]
    public void Should_show_since_when_a_domain_is_verified_and_offer_no_check()
    {
        var section = Render([Verified], canChange: true);

        Assert.Equal("Verified since 2026-11-27 09:30 UTC", section.Find("[data-testid=ingest-domain-status]").TextContent.Trim());
        Assert.Empty(section.FindAll("[data-testid=check-ingest-domain]"));
        Assert.Empty(section.FindAll("[data-testid=txt-name]"));
        Assert.Equal("mx.example.org. IN MX 10 in.backscatter.test.", section.Find("[data-testid=zone-lines]").TextContent);
    }

    [Fact]
    public void Should_show_what_the_check_found_beside_the_domain()
    {
        var section = Render([Pending], canChange: true, verify: SetupResult.Invalid("Not verified: _backscatter-verify.bounces.example.com does not exist (NXDOMAIN)."));

        section.Find("[data-testid=check-ingest-domain]").Click();

        Assert.Equal("Not verified: _backscatter-verify.bounces.example.com does not exist (NXDOMAIN).", section.Find("[data-testid=check-result]").TextContent);
    }

    [Fact]
    public void Should_refuse_the_services_own_domain_without_sending_it()
    {
        var section = Render([], canChange: true);

        section.Find("input").Input("mail.in.backscatter.test");
        section.Find("form").Submit();

        Assert.Empty(_added);
        Assert.StartsWith("mail.in.backscatter.test is below Backscatter.Cloud's own ingest domain", section.Find("[data-testid=ingest-domain-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_show_viewers_the_domains_without_buttons_or_a_form()
    {
        var section = Render([Pending, Verified], canChange: false);

        // The copy button of the TXT value stays: viewers may pass it on to whoever runs the DNS.
        Assert.Equal(["Copy backscatter-verify=abcdefghijklmnopqrstuvwxyz234567"], section.FindAll("button").Select(b => b.GetAttribute("aria-label")));
        Assert.Empty(section.FindAll("form"));
        Assert.Equal(2, section.FindAll("[data-testid=ingest-domain]").Count);
    }

    private IRenderedComponent<IngestDomainsSection> Render(IReadOnlyList<IngestDomainEntry> domains, bool canChange, SetupResult? verify = null) =>
        Context.Render<IngestDomainsSection>(p => p
            .Add(c => c.Domains, domains)
            .Add(c => c.MxHost, "in.backscatter.test")
            .Add(c => c.CanChange, canChange)
            .Add(c => c.Check, input => IngestDomainNames.Check(input, ["in.backscatter.test"]))
            .Add(c => c.OnAdd, name =>
            {
                _added.Add(name);
                return Task.FromResult(SetupResult.Changed("Added."));
            })
            .Add(c => c.OnVerify, _ => Task.FromResult(verify ?? SetupResult.Changed("Verified.")))
            .Add(c => c.OnRemove, _ => Task.FromResult(SetupResult.Changed("Removed."))));
}
