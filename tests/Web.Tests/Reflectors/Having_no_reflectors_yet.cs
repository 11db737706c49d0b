using Backscatter.Web.Tests.Isolation;

namespace Backscatter.Web.Tests.Reflectors;

/// <summary>A new tenant's reflectors page: what to do next instead of an empty table.</summary>
public sealed class Having_no_reflectors_yet(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Fact]
    public async Task Should_tell_the_tenant_to_connect_its_mail_and_link_to_onboarding()
    {
        using var alpha = await tenants.LogInAsync(tenants.Alpha);

        var page = await alpha.GetStringAsync(new Uri("reflectors", UriKind.Relative));

        Assert.Contains("No reflectors yet", page, StringComparison.Ordinal);
        Assert.Contains("href=\"onboarding\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"reflectors\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/lookup/", page, StringComparison.Ordinal);
    }
}
