using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Team;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Team;

/// <summary>The invitee follows the link, chooses a password and is a member of the inviting tenant; any other link joins nobody.</summary>
[Collection(TeamCollection.Name)]
public sealed class Accepting_an_invitation(TwoTenants portal)
{
    private const string NewPassword = "the invitee's own password";

    [Fact]
    public async Task Should_make_the_invitee_a_member_of_the_inviting_tenant_with_the_role()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("ana");
        using (var owner = await portal.LogInAsync(tenant.OwnerEmail))
        using (await owner.InviteAsync(email, TenantRoles.Admin))
        {
        }

        using var mail = await portal.MailToAsync(email);
        var link = Teams.AcceptLinkIn(mail!);
        using var invitee = portal.Anonymous();
        var page = await invitee.GetStringAsync(new Uri(link, UriKind.Relative));
        Assert.Contains(tenant.Name, page, StringComparison.Ordinal);

        using var accepted = await invitee.AcceptAsync(link, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Account/Login", accepted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using (var db = portal.Database.CreateContext())
        {
            var member = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal(tenant.Id, member.TenantId);
            Assert.True(member.EmailConfirmed);
            var roles = await db.UserRoles.Where(r => r.UserId == member.Id).Select(r => r.RoleId).ToListAsync();
            Assert.Equal([TenantRoles.IdOf(TenantRoles.Admin)], roles);
            Assert.NotNull((await db.Invitations.SingleAsync(i => i.TenantId == tenant.Id)).AcceptedAt);
            Assert.Contains(await db.AuditEntries.Where(e => e.TenantId == tenant.Id).Select(e => e.Action).ToListAsync(), a => a == "team.member.joined");
        }

        using var loggedIn = portal.Anonymous();
        using var login = await TwoTenants.PostLoginAsync(loggedIn, email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var audit = await loggedIn.GetAsync(new Uri("audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("team.member.joined", await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_link_used_once_already()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("ana");
        var token = await portal.AddInvitationAsync(tenant, email, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));
        var link = $"Account/AcceptInvitation?token={token}";
        using var invitee = portal.Anonymous();
        using (var first = await invitee.AcceptAsync(link, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var again = await invitee.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.DoesNotContain("Input.Password", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_an_expired_link_and_create_nobody()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("late");
        var token = await portal.AddInvitationAsync(tenant, email, DateTimeOffset.UtcNow.AddDays(-8), DateTimeOffset.UtcNow.AddDays(-1));
        var link = $"Account/AcceptInvitation?token={token}";
        using var invitee = portal.Anonymous();

        using var page = await invitee.GetAsync(new Uri(link, UriKind.Relative));
        // A page opened while the link was valid and posted after it expired is checked again.
        await using var scope = portal.Services.CreateAsyncScope();
        var accepted = await scope.ServiceProvider.GetRequiredService<InvitationDesk>().AcceptAsync(token, NewPassword);

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("Input.Password", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TeamRefusal.NoLongerPending, accepted.Refusal);
        await AssertNoUserAsync(email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forged")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Should_refuse_a_forged_token(string token)
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("ana");
        var real = await portal.AddInvitationAsync(tenant, email, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));
        using var visitor = portal.Anonymous();

        using var page = await visitor.GetAsync(new Uri($"Account/AcceptInvitation?token={token}", UriKind.Relative));
        // One character changed is as good as none.
        using var tampered = await visitor.GetAsync(new Uri($"Account/AcceptInvitation?token={(real[0] == 'A' ? 'B' : 'A')}{real[1..]}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.DoesNotContain(tenant.Name, await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoUserAsync(email);
    }

    [Fact]
    public async Task Should_refuse_an_address_that_already_has_an_account_in_another_tenant()
    {
        var inviting = await portal.AddTenantAsync();
        var other = await portal.AddTenantAsync();
        var token = await portal.AddInvitationAsync(inviting, other.OwnerEmail, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));
        var link = $"Account/AcceptInvitation?token={token}";
        using var invitee = portal.Anonymous();

        using var page = await invitee.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("already has a Backscatter.Cloud account", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = portal.Database.CreateContext();
        var existing = await db.Users.SingleAsync(u => u.Email == other.OwnerEmail);
        Assert.Equal(other.Id, existing.TenantId);
        Assert.Null((await db.Invitations.SingleAsync(i => i.TenantId == inviting.Id)).AcceptedAt);
    }

    private async Task AssertNoUserAsync(string email)
    {
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }
}
