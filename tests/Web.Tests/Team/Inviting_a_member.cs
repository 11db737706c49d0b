using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Team;

/// <summary>An owner invites someone from the team page: a stored invitation, an audit entry and a mail with the link.</summary>
[Collection(TeamCollection.Name)]
public sealed class Inviting_a_member(TwoTenants portal)
{
    [Fact]
    public async Task Should_store_the_invitation_write_an_audit_entry_and_mail_the_link()
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        var email = Teams.UniqueEmail("ana");

        using var response = await owner.InviteAsync(email, TenantRoles.Admin);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/team?done=invited", response.Headers.Location?.OriginalString);
        await using var db = portal.Database.CreateContext();
        var invitation = await db.Invitations.SingleAsync(i => i.TenantId == tenant.Id);
        Assert.Equal(email, invitation.Email);
        Assert.Equal(TenantRoles.Admin, invitation.Role);
        Assert.Equal(tenant.OwnerId, invitation.InvitedById);
        Assert.Equal(Invitation.Lifetime, invitation.ExpiresAt - invitation.CreatedAt);
        var audit = await db.AuditEntries.SingleAsync(e => e.TenantId == tenant.Id);
        Assert.Equal("team.member.invited", audit.Action);
        Assert.Equal(tenant.OwnerEmail, audit.Actor);
        Assert.Contains(email, audit.Summary, StringComparison.Ordinal);

        using var mail = await portal.MailToAsync(email);
        Assert.NotNull(mail);
        var link = Teams.AcceptLinkIn(mail);
        var token = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];
        // Only the hash is stored: the row alone accepts nothing.
        Assert.Equal(InvitationToken.Hash(token), invitation.TokenHash);
        Assert.DoesNotContain(token, Convert.ToBase64String(invitation.TokenHash), StringComparison.Ordinal);
        Assert.Contains(tenant.Name, mail.TextBody, StringComparison.Ordinal);

        var page = await owner.GetStringAsync(new Uri("team", UriKind.Relative));
        Assert.Contains(email, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("ana@example.com\r\nBcc: everyone@example.com")]
    [InlineData("two@example.com, three@example.com")]
    [InlineData("")]
    public async Task Should_refuse_what_is_not_one_email_address(string email)
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        using var response = await owner.InviteAsync(email, TenantRoles.Viewer);

        Assert.Equal("/team?refused=invalid-email", response.Headers.Location?.OriginalString);
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task Should_refuse_an_address_longer_than_254_characters_and_an_unknown_role()
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        using var overlong = await owner.InviteAsync(new string('a', 250) + "@example.com", TenantRoles.Viewer);
        using var unknownRole = await owner.InviteAsync(Teams.UniqueEmail("ana"), "superuser");

        Assert.Equal("/team?refused=invalid-email", overlong.Headers.Location?.OriginalString);
        Assert.Equal("/team?refused=unknown-role", unknownRole.Headers.Location?.OriginalString);
        await AssertNothingWrittenAsync(tenant);
    }

    [Fact]
    public async Task Should_refuse_a_second_invitation_to_a_pending_address_and_to_a_member()
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        var email = Teams.UniqueEmail("ana");
        using var first = await owner.InviteAsync(email, TenantRoles.Viewer);

        using var again = await owner.InviteAsync(email.ToUpperInvariant(), TenantRoles.Admin);
        using var member = await owner.InviteAsync(tenant.OwnerEmail, TenantRoles.Viewer);

        Assert.Equal("/team?refused=already-invited", again.Headers.Location?.OriginalString);
        Assert.Equal("/team?refused=already-member", member.Headers.Location?.OriginalString);
        await using var db = portal.Database.CreateContext();
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.TenantId == tenant.Id));
    }

    [Fact]
    public async Task Should_refuse_more_invitations_than_the_hourly_limit()
    {
        var tenant = await portal.AddTenantAsync();
        for (var i = 0; i < TeamRules.InvitationsPerHour; i++)
        {
            await portal.AddInvitationAsync(tenant, Teams.UniqueEmail("earlier"), DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddDays(6));
        }

        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        var email = Teams.UniqueEmail("one-too-many");

        using var response = await owner.InviteAsync(email, TenantRoles.Viewer);

        Assert.Equal("/team?refused=too-many-invitations", response.Headers.Location?.OriginalString);
        await using var db = portal.Database.CreateContext();
        Assert.Equal(TeamRules.InvitationsPerHour, await db.Invitations.CountAsync(i => i.TenantId == tenant.Id));
        Assert.Null(await portal.MailToAsync(email));
    }

    [Fact]
    public async Task Should_refuse_a_post_without_the_antiforgery_token()
    {
        var tenant = await portal.AddTenantAsync();
        using var owner = await portal.LogInAsync(tenant.OwnerEmail);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Teams.UniqueEmail("ana"), ["role"] = TenantRoles.Owner });

        using var response = await owner.PostAsync(new Uri("team/invitations", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingWrittenAsync(tenant);
    }

    private async Task AssertNothingWrittenAsync(NewTenant tenant)
    {
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.Invitations.AnyAsync(i => i.TenantId == tenant.Id));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id));
    }
}
