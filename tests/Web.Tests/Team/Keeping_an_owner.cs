using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Team;

/// <summary>A tenant always keeps an owner, and nobody re-roles themselves.</summary>
[Collection(TeamCollection.Name)]
public sealed class Keeping_an_owner(TwoTenants portal)
{
    [Fact]
    public async Task Should_refuse_removing_the_last_owner()
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        using var response = await owner.PostFormAsync($"team/members/{tenant.OwnerId}/remove");

        Assert.Equal("/team?refused=last-owner", response.Headers.Location?.OriginalString);
        await AssertRoleAsync(tenant.OwnerId, TenantRoles.Owner);
    }

    [Fact]
    public async Task Should_refuse_an_owner_changing_their_own_role()
    {
        var tenant = await portal.AddTenantAsync();
        await portal.AddMemberAsync(tenant.Id, Teams.UniqueEmail("second-owner"), TenantRoles.Owner);
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        using var response = await owner.PostFormAsync($"team/members/{tenant.OwnerId}/role", ("role", TenantRoles.Viewer));

        Assert.Equal("/team?refused=own-role", response.Headers.Location?.OriginalString);
        await AssertRoleAsync(tenant.OwnerId, TenantRoles.Owner);
    }

    [Fact]
    public async Task Should_let_one_of_two_owners_demote_the_other_and_log_it()
    {
        var tenant = await portal.AddTenantAsync();
        var secondEmail = Teams.UniqueEmail("second-owner");
        var second = await portal.AddMemberAsync(tenant.Id, secondEmail, TenantRoles.Owner);
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        using var demoted = await owner.PostFormAsync($"team/members/{second}/role", ("role", TenantRoles.Admin));
        using var removed = await owner.PostFormAsync($"team/members/{second}/remove");

        Assert.Equal("/team?done=role-changed", demoted.Headers.Location?.OriginalString);
        Assert.Equal("/team?done=removed", removed.Headers.Location?.OriginalString);
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Id == second));
        var log = await db.AuditEntries.Where(e => e.TenantId == tenant.Id).OrderBy(e => e.At).ToListAsync();
        Assert.Equal(["team.member.role-changed", "team.member.removed"], log.Select(e => e.Action));
        Assert.All(log, e => Assert.Equal(tenant.OwnerId, e.ActorId));
        Assert.Contains($"{secondEmail} from owner to admin", log[0].Summary, StringComparison.Ordinal);
    }

    private async Task AssertRoleAsync(Guid memberId, string role)
    {
        await using var db = portal.Database.CreateContext();
        Assert.Equal(TenantRoles.IdOf(role), await db.UserRoles.Where(r => r.UserId == memberId).Select(r => r.RoleId).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.ActorId == memberId));
    }
}
