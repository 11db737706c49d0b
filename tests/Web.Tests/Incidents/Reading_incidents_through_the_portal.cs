using System.Net;

using Backscatter.Domain.Incidents;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Incidents;

/// <summary>The incident list and detail pages: each tenant sees its own incidents, another tenant's incident is not found.</summary>
public sealed class Reading_incidents_through_the_portal(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    private const string AlphaCampaign = "alpha wave invoice #";
    private const string BravoCampaign = "bravo quarterly merger #";
    private const string BravoSender = "*@bravo-forged.example";

    public async Task InitializeAsync()
    {
        await using var db = tenants.Database.CreateContext();
        if (await db.Incidents.AnyAsync())
        {
            return;
        }

        // Both waves cover the moment the fixture's reports arrived, so those reports are the samples.
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        db.Incidents.AddRange(
            Wave(tenants.Alpha.TenantId, started, AlphaCampaign, "*@alpha-forged.example", 731),
            Wave(tenants.Bravo.TenantId, started, BravoCampaign, BravoSender, 947));
        await db.SaveChangesAsync();
        foreach (var incident in await db.Incidents.ToListAsync())
        {
            db.IncidentMinutes.AddRange(
                new IncidentMinute { IncidentId = incident.Id, Minute = Minute(started), Count = 40 },
                new IncidentMinute { IncidentId = incident.Id, Minute = Minute(started).AddMinutes(3), Count = 12 });
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_list_only_the_tenants_own_incidents()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        var page = await alpha.GetStringAsync(new Uri("incidents", UriKind.Relative));

        Assert.Contains(await IncidentIdOfAsync(tenants.Alpha), page, StringComparison.Ordinal);
        Assert.Contains(">731<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(await IncidentIdOfAsync(tenants.Bravo), page, StringComparison.Ordinal);
        Assert.DoesNotContain(">947<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_the_tenant_its_own_incident_with_campaigns_and_sample_reports()
    {
        using var bravo = await tenants.LogInAsync(tenants.Bravo);

        using var response = await bravo.GetAsync(new Uri($"incidents/{await IncidentIdOfAsync(tenants.Bravo)}", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(BravoCampaign, page, StringComparison.Ordinal);
        Assert.Contains(BravoSender, page, StringComparison.Ordinal);
        Assert.Contains($"reports/{tenants.Bravo.ReportId}", page, StringComparison.Ordinal);
        Assert.Contains(tenants.Bravo.Subject, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tenants.Alpha.Subject, page, StringComparison.Ordinal);
        Assert.DoesNotContain(AlphaCampaign, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_the_tenants_open_incident_at_the_top_of_the_overview()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        var page = await alpha.GetStringAsync(new Uri("overview", UriKind.Relative));

        Assert.Contains("data-testid=\"open-incident\"", page, StringComparison.Ordinal);
        Assert.Contains($"incidents/{await IncidentIdOfAsync(tenants.Alpha)}", page, StringComparison.Ordinal);
        Assert.Contains("731 reports", page, StringComparison.Ordinal);
        Assert.DoesNotContain(await IncidentIdOfAsync(tenants.Bravo), page, StringComparison.Ordinal);
        Assert.DoesNotContain("947 reports", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_404_for_another_tenants_incident_without_any_of_its_data()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        using var response = await alpha.GetAsync(new Uri($"incidents/{await IncidentIdOfAsync(tenants.Bravo)}", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(BravoCampaign, page, StringComparison.Ordinal);
        Assert.DoesNotContain(BravoSender, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tenants.Bravo.Subject, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_to_log_in_instead_of_showing_incidents()
    {
        using var anonymous = tenants.Anonymous();

        using var list = await anonymous.GetAsync(new Uri("incidents", UriKind.Relative));
        using var detail = await anonymous.GetAsync(new Uri($"incidents/{await IncidentIdOfAsync(tenants.Alpha)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, detail.StatusCode);
        Assert.Contains("Account/Login", detail.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> IncidentIdOfAsync(TenantData tenant)
    {
        await using var db = tenants.Database.CreateContext();
        var id = await db.Incidents.Where(i => i.TenantId == tenant.TenantId).Select(i => i.Id).SingleAsync();
        return id.ToString();
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static Incident Wave(Guid tenantId, DateTimeOffset started, string subject, string sender, int reports) => new()
    {
        TenantId = tenantId,
        Status = IncidentStatus.Open,
        Severity = 2,
        OpenedAt = started.AddMinutes(5),
        StartedAt = started,
        Threshold = 50,
        Baseline = 3,
        ReportCount = reports,
        PeakWindowCount = 120,
        LastReportAt = DateTimeOffset.UtcNow.AddMinutes(1),
        LastAboveThresholdAt = DateTimeOffset.UtcNow,
        Campaigns = [new IncidentCampaign { Subject = subject, SenderPattern = sender, Count = reports, FirstSeen = started, LastSeen = started.AddMinutes(30) }],
    };
}
