using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Team;

/// <summary>Admins and viewers see the team but change nothing in it, whatever they post.</summary>
[Collection(TeamCollection.Name)]
public sealed class Managing_the_team_without_being_an_owner(TwoTenants portal)
{
    [Theory]
    [InlineData(TenantRoles.Admin)]
    [InlineData(TenantRoles.Viewer)]
    public async Task Should_deny_every_team_change_and_write_nothing(string role)
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail(role);
        var memberId = await portal.AddMemberAsync(tenant.Id, email, role);
        await portal.AddInvitationAsync(tenant, Teams.UniqueEmail("pending"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));
        Guid invitationId;
        await using (var db = portal.Database.CreateContext())
        {
            invitationId = await db.Invitations.Where(i => i.TenantId == tenant.Id).Select(i => i.Id).SingleAsync();
        }

        using var member = await portal.LogInAsync(email);

        using var invite = await member.InviteAsync(Teams.UniqueEmail("friend"), TenantRoles.Owner);
        using var promote = await member.PostFormAsync($"team/members/{memberId}/role", ("role", TenantRoles.Owner));
        using var demoteOwner = await member.PostFormAsync($"team/members/{tenant.OwnerId}/role", ("role", TenantRoles.Viewer));
        using var removeOwner = await member.PostFormAsync($"team/members/{tenant.OwnerId}/remove");
        using var revoke = await member.PostFormAsync($"team/invitations/{invitationId}/revoke");

        foreach (var response in new[] { invite, promote, demoteOwner, removeOwner, revoke })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await using var after = portal.Database.CreateContext();
        Assert.Equal(1, await after.Invitations.CountAsync(i => i.TenantId == tenant.Id && i.RevokedAt == null));
        Assert.False(await after.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id));
        Assert.Equal(TenantRoles.IdOf(role), await after.UserRoles.Where(r => r.UserId == memberId).Select(r => r.RoleId).SingleAsync());
        Assert.Equal(TenantRoles.IdOf(TenantRoles.Owner), await after.UserRoles.Where(r => r.UserId == tenant.OwnerId).Select(r => r.RoleId).SingleAsync());
    }

    [Fact]
    public async Task Should_show_the_team_without_any_controls()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("viewer");
        await portal.AddMemberAsync(tenant.Id, email, TenantRoles.Viewer);
        using var viewer = await portal.LogInAsync(email);

        var page = await viewer.GetStringAsync(new Uri("team", UriKind.Relative));

        Assert.Contains(tenant.OwnerEmail, page, StringComparison.Ordinal);
        Assert.DoesNotContain("invite-form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/remove", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/role", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_viewers_out_of_the_audit_log()
    {
        var tenant = await portal.AddTenantAsync();
        using (var owner = await portal.LogInAsync(tenant.OwnerEmail))
        using (await owner.InviteAsync(Teams.UniqueEmail("secret-hire"), TenantRoles.Admin))
        {
        }

        var email = Teams.UniqueEmail("viewer");
        await portal.AddMemberAsync(tenant.Id, email, TenantRoles.Viewer);
        using var viewer = await portal.LogInAsync(email);

        using var response = await viewer.GetAsync(new Uri("audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-hire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
