using System.Net;

namespace Backscatter.Web.Tests.Isolation;

/// <summary>Pages and endpoints, asked by one tenant for another's report: not found, and not a word of it.</summary>
public sealed class Reading_another_tenants_reports_through_the_portal(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Fact]
    public async Task Should_show_the_tenant_its_own_report()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        using var response = await alpha.GetAsync(new Uri($"reports/{tenants.Alpha.ReportId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(tenants.Alpha.Subject, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_404_for_the_detail_page_of_another_tenants_report()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        using var response = await alpha.GetAsync(new Uri($"reports/{tenants.Bravo.ReportId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(tenants.Bravo.Subject, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_404_for_the_raw_message_of_another_tenants_report()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        using var theirs = await alpha.GetAsync(new Uri($"reports/{tenants.Bravo.ReportId}/raw", UriKind.Relative));
        using var ours = await alpha.GetAsync(new Uri($"reports/{tenants.Alpha.ReportId}/raw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain(tenants.Bravo.Subject, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Contains(tenants.Alpha.Subject, await ours.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_list_only_the_tenants_own_reports()
    {
        using var bravo = await tenants.LogInAsync(tenants.Bravo);

        var page = await bravo.GetStringAsync(new Uri("reports", UriKind.Relative));

        Assert.Contains(tenants.Bravo.Subject, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tenants.Alpha.Subject, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_to_log_in_instead_of_showing_a_report()
    {
        using var anonymous = tenants.Anonymous();

        using var page = await anonymous.GetAsync(new Uri($"reports/{tenants.Alpha.ReportId}", UriKind.Relative));
        using var raw = await anonymous.GetAsync(new Uri($"reports/{tenants.Alpha.ReportId}/raw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("Account/Login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, raw.StatusCode);
        Assert.DoesNotContain(tenants.Alpha.Subject, await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
