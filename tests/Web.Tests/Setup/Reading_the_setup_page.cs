using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Setup;

/// <summary>The /setup page as the server renders it: the member's own tenant only, edit controls only for owners and admins, never a secret.</summary>
public sealed class Reading_the_setup_page(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Fact]
    public async Task Should_show_the_owner_the_tenants_own_settings_with_edit_controls()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        var page = await alpha.GetStringAsync(new Uri("setup", UriKind.Relative));

        Assert.Contains("alpha.example", page, StringComparison.Ordinal);
        Assert.Contains("smtp.alpha.example", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"add-entry-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rotate-batv-key\"", page, StringComparison.Ordinal);
        Assert.Contains("Changes apply to new reports within a minute.", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"verp\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"dkim\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("bravo", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Should_render_no_edit_controls_for_a_viewer()
    {
        var email = $"viewer-{Guid.NewGuid():N}@alpha.example";
        await SetupMembers.CreateViewerAsync(tenants.Services, tenants.Alpha, email);
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);
        await using (var scope = tenants.Services.CreateAsyncScope())
        {
            var setup = scope.ServiceProvider.GetRequiredService<TenantSetup>();
            await setup.AddEntryAsync(owner, MailSettingList.VerpPatterns, "bounces+*@lists.alpha.example");
            await setup.AddEntryAsync(owner, MailSettingList.DkimSelectors, "s2026");
        }

        using var viewer = tenants.Anonymous();
        using (var login = await TwoTenants.PostLoginAsync(viewer, email, TwoTenants.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var page = await viewer.GetStringAsync(new Uri("setup", UriKind.Relative));

        Assert.Contains("smtp.alpha.example", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"setup-read-only\"", page, StringComparison.Ordinal);
        Assert.Contains("<code>bounces+*@lists.alpha.example</code>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("<code>s2026</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("add-entry-form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("remove-entry", page, StringComparison.Ordinal);
        Assert.DoesNotContain("rotate-batv-key", page, StringComparison.Ordinal);
        Assert.DoesNotContain("spf-switch", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_never_show_a_batv_secret_after_it_was_handed_out()
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Bravo.Email);
        string secret;
        await using (var scope = tenants.Services.CreateAsyncScope())
        {
            secret = (await scope.ServiceProvider.GetRequiredService<TenantSetup>().RotateBatvKeyAsync(owner)).NewBatvSecret!;
        }

        using var bravo = await tenants.LogInAsync(tenants.Bravo);
        var page = await bravo.GetStringAsync(new Uri("setup", UriKind.Relative));

        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-secret", page, StringComparison.Ordinal);
        Assert.Contains("hidden (shown once when generated)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_the_tenants_own_ingest_domains_with_the_record_to_publish_and_none_of_another_tenants()
    {
        var alphas = new IngestDomain { TenantId = tenants.Alpha.TenantId, Name = "bounces.alpha-page.example", CreatedAt = DateTimeOffset.UtcNow };
        var bravos = new IngestDomain { TenantId = tenants.Bravo.TenantId, Name = "bounces.bravo-page.example", CreatedAt = DateTimeOffset.UtcNow };
        await using (var db = tenants.Database.CreateContext())
        {
            db.IngestDomains.AddRange(alphas, bravos);
            await db.SaveChangesAsync();
        }

        using var alpha = await tenants.LogInAsync(tenants.Alpha);
        var page = WebUtility.HtmlDecode(await alpha.GetStringAsync(new Uri("setup", UriKind.Relative)));

        Assert.Contains("_backscatter-verify.bounces.alpha-page.example", page, StringComparison.Ordinal);
        Assert.Contains($"backscatter-verify={alphas.VerificationToken}", page, StringComparison.Ordinal);
        Assert.Contains("Pending verification", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"add-ingest-domain-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("bravo-page", page, StringComparison.Ordinal);
        Assert.DoesNotContain(bravos.VerificationToken, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_to_log_in()
    {
        using var anonymous = tenants.Anonymous();

        using var response = await anonymous.GetAsync(new Uri("setup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("smtp.alpha.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
