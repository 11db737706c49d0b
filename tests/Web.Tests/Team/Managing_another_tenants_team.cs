using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Team;

/// <summary>
/// An owner who puts another tenant's member or invitation id into a form's URL gets 404 and
/// changes nothing; the team page and the audit log show the own tenant alone.
/// </summary>
[Collection(TeamCollection.Name)]
public sealed class Managing_another_tenants_team(TwoTenants portal)
{
    [Fact]
    public async Task Should_answer_404_for_re_roling_or_removing_another_tenants_member()
    {
        var alpha = await portal.AddTenantAsync();
        var bravo = await portal.AddTenantAsync();
        var bravoAdmin = await portal.AddMemberAsync(bravo.Id, Teams.UniqueEmail("bravo-admin"), TenantRoles.Admin);
        using var alphaOwner = await portal.LogInAsync(alpha.OwnerEmail);

        using var promote = await alphaOwner.PostFormAsync($"team/members/{bravoAdmin}/role", ("role", TenantRoles.Owner));
        using var demote = await alphaOwner.PostFormAsync($"team/members/{bravo.OwnerId}/role", ("role", TenantRoles.Viewer));
        using var remove = await alphaOwner.PostFormAsync($"team/members/{bravo.OwnerId}/remove");

        foreach (var response in new[] { promote, demote, remove })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(bravo.OwnerEmail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var db = portal.Database.CreateContext();
        Assert.Equal(TenantRoles.IdOf(TenantRoles.Admin), await db.UserRoles.Where(r => r.UserId == bravoAdmin).Select(r => r.RoleId).SingleAsync());
        Assert.Equal(TenantRoles.IdOf(TenantRoles.Owner), await db.UserRoles.Where(r => r.UserId == bravo.OwnerId).Select(r => r.RoleId).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.TenantId == alpha.Id || e.TenantId == bravo.Id));
    }

    [Fact]
    public async Task Should_answer_404_for_revoking_another_tenants_invitation()
    {
        var alpha = await portal.AddTenantAsync();
        var bravo = await portal.AddTenantAsync();
        var token = await portal.AddInvitationAsync(bravo, Teams.UniqueEmail("bravo-hire"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));
        Guid invitationId;
        await using (var db = portal.Database.CreateContext())
        {
            invitationId = await db.Invitations.Where(i => i.TenantId == bravo.Id).Select(i => i.Id).SingleAsync();
        }

        using var alphaOwner = await portal.LogInAsync(alpha.OwnerEmail);

        using var revoke = await alphaOwner.PostFormAsync($"team/invitations/{invitationId}/revoke");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        using var invitee = portal.Anonymous();
        using var stillValid = await invitee.GetAsync(new Uri($"Account/AcceptInvitation?token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task Should_list_only_the_tenants_own_members_invitations_and_audit_entries()
    {
        var alpha = await portal.AddTenantAsync();
        var bravo = await portal.AddTenantAsync();
        var bravoHire = Teams.UniqueEmail("bravo-hire");
        using (var bravoOwner = await portal.LogInAsync(bravo.OwnerEmail))
        using (await bravoOwner.InviteAsync(bravoHire, TenantRoles.Viewer))
        {
        }

        var alphaHire = Teams.UniqueEmail("alpha-hire");
        using var alphaOwner = await portal.LogInAsync(alpha.OwnerEmail);
        using (await alphaOwner.InviteAsync(alphaHire, TenantRoles.Viewer))
        {
        }

        var team = await alphaOwner.GetStringAsync(new Uri("team", UriKind.Relative));
        var audit = await alphaOwner.GetStringAsync(new Uri("audit", UriKind.Relative));

        Assert.Contains(alpha.OwnerEmail, team, StringComparison.Ordinal);
        Assert.Contains(alphaHire, team, StringComparison.Ordinal);
        Assert.Contains(alphaHire, audit, StringComparison.Ordinal);
        foreach (var page in new[] { team, audit })
        {
            Assert.DoesNotContain(bravo.OwnerEmail, page, StringComparison.Ordinal);
            Assert.DoesNotContain(bravoHire, page, StringComparison.Ordinal);
            Assert.DoesNotContain(portal.Bravo.Email, page, StringComparison.Ordinal);
        }
    }
}
