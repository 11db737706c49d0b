using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

namespace Backscatter.Web.Tests.Team;

/// <summary>A removal or a role change applies to the member's open session at once, not when their cookie expires.</summary>
[Collection(TeamCollection.Name)]
public sealed class Losing_membership_while_logged_in(TwoTenants portal)
{
    [Fact]
    public async Task Should_refuse_a_removed_members_session_on_its_next_request()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("leaver");
        var memberId = await portal.AddMemberAsync(tenant.Id, email, TenantRoles.Admin);
        using var member = await portal.LogInAsync(email);
        using (var before = await member.GetAsync(new Uri("team", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        using (var removed = await owner.PostFormAsync($"team/members/{memberId}/remove"))
        {
            Assert.Equal("/team?done=removed", removed.Headers.Location?.OriginalString);
        }

        using var after = await member.GetAsync(new Uri("team", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("Account/Login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.OwnerEmail, await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_sign_out_a_demoted_admin_who_then_logs_in_as_a_viewer()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("demoted");
        var memberId = await portal.AddMemberAsync(tenant.Id, email, TenantRoles.Admin);
        using var member = await portal.LogInAsync(email);
        using (var before = await member.GetAsync(new Uri("audit", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        using (await owner.PostFormAsync($"team/members/{memberId}/role", ("role", TenantRoles.Viewer)))
        {
        }

        using var stale = await member.GetAsync(new Uri("audit", UriKind.Relative));
        using var again = await portal.LogInAsync(email);
        using var fresh = await again.GetAsync(new Uri("audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("Account/Login", stale.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Contains("Account/AccessDenied", fresh.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
