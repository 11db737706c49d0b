using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Net.Mail;
using System.Security.Claims;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Team;

/// <summary>
/// The members and invitations of the signed-in member's tenant, and the changes an owner makes to
/// them. Users are not under the tenant filter (docs/adr/0007), so every user query here names the
/// tenant itself; invitations and audit entries are filtered as usual. Every change re-reads the
/// acting member's role from the database, writes its audit entry in the same transaction, and
/// renews the security stamp of the member it touches so their session is re-checked.
/// </summary>
public sealed class TeamRoster(TenantDatabase tenantDatabase, TimeProvider clock)
{
    private static readonly Guid OwnerRoleId = TenantRoles.IdOf(TenantRoles.Owner);

    public async Task<TeamView> ReadAsync(ClaimsPrincipal reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tenantId = TenantClaims.TenantIdOf(reader);
        await using var db = tenantDatabase.Open(reader);
        var now = clock.GetUtcNow();
        var members = await MembersOf(db, tenantId).ToListAsync(ct);
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.InvitedBy, i.ExpiresAt))
            .ToListAsync(ct);
        return new TeamView(
            [.. members.Select(m => new TeamMember(m.Id, m.Email, RoleNamed(m.RoleId), m.TwoFactorEnabled, m.CreatedAt))],
            invitations,
            Actor.Of(reader).UserId ?? Guid.Empty);
    }

    public async Task<Invited> InviteAsync(ClaimsPrincipal owner, string? email, string? role, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var actor = Actor.Of(owner);
        email = email?.Trim() ?? "";
        await using var db = tenantDatabase.Open(owner);
        if (!await IsOwnerAsync(db, actor, ct))
        {
            return new Invited(TeamRefusal.NotAnOwner);
        }

        if (!IsMailAddress(email))
        {
            return new Invited(TeamRefusal.InvalidEmail);
        }

        if (role is null || !TenantRoles.All.Contains(role))
        {
            return new Invited(TeamRefusal.UnknownRole);
        }

        var normalized = email.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.TenantId == actor.TenantId && u.NormalizedEmail == normalized, ct))
        {
            return new Invited(TeamRefusal.AlreadyMember);
        }

        var now = clock.GetUtcNow();
        var pending = db.Invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
        if (await pending.AnyAsync(i => i.Email.ToUpper() == normalized, ct))
        {
            return new Invited(TeamRefusal.AlreadyInvited);
        }

        var lastHour = now.AddHours(-1);
        if (await db.Invitations.CountAsync(i => i.CreatedAt > lastHour, ct) >= TeamRules.InvitationsPerHour
            || await pending.CountAsync(ct) >= TeamRules.MaxPendingInvitations)
        {
            return new Invited(TeamRefusal.TooManyInvitations);
        }

        var token = InvitationToken.New();
        var invitation = new Invitation
        {
            TenantId = actor.TenantId,
            Email = email,
            Role = role,
            TokenHash = InvitationToken.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
            InvitedById = actor.UserId,
            InvitedBy = actor.Email,
        };
        db.Invitations.Add(invitation);
        db.AuditEntries.Add(actor.Did("team.member.invited", $"Invited {email} as {role}.", now));
        await db.SaveChangesAsync(ct);
        var organisation = await db.Tenants.Select(t => t.Name).SingleAsync(ct);
        return new Invited(null, invitation, token, organisation);
    }

    public async Task<TeamRefusal?> RevokeAsync(ClaimsPrincipal owner, Guid invitationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var actor = Actor.Of(owner);
        await using var db = tenantDatabase.Open(owner);
        if (!await IsOwnerAsync(db, actor, ct))
        {
            return TeamRefusal.NotAnOwner;
        }

        // The tenant filter hides other tenants' invitations: theirs and none look the same.
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        var now = clock.GetUtcNow();
        if (invitation is null)
        {
            return TeamRefusal.NotFound;
        }

        if (!invitation.IsPendingAt(now))
        {
            return TeamRefusal.NoLongerPending;
        }

        invitation.Revoke(now);
        db.AuditEntries.Add(actor.Did("team.invitation.revoked", $"Revoked the invitation of {invitation.Email} as {invitation.Role}.", now));
        await db.SaveChangesAsync(ct);
        return null;
    }

    public Task<TeamRefusal?> ChangeRoleAsync(ClaimsPrincipal owner, Guid memberId, string? role, CancellationToken ct = default) =>
        ChangeMemberAsync(owner, memberId, async (db, actor, member, from, owners, now) =>
        {
            var refusal = TeamRules.WhyNotChangeRole(actor.UserId ?? Guid.Empty, member.Id, from, role ?? "", owners);
            if (refusal is not null || from == role)
            {
                return refusal;
            }

            await db.UserRoles.Where(r => r.UserId == member.Id).ExecuteDeleteAsync(ct);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = member.Id, RoleId = TenantRoles.IdOf(role!) });
            member.SecurityStamp = NewStamp();
            member.ConcurrencyStamp = Guid.NewGuid().ToString();
            db.AuditEntries.Add(actor.Did("team.member.role-changed", $"Changed the role of {member.Email} from {from} to {role}.", now));
            return null;
        }, ct);

    public Task<TeamRefusal?> RemoveAsync(ClaimsPrincipal owner, Guid memberId, CancellationToken ct = default) =>
        ChangeMemberAsync(owner, memberId, async (db, actor, member, from, owners, now) =>
        {
            if (TeamRules.WhyNotRemove(from, owners) is { } refusal)
            {
                return refusal;
            }

            // The log keeps the member's email; their id no longer names anyone.
            await db.AuditEntries.Where(e => e.ActorId == member.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorId, (Guid?)null), ct);
            db.Users.Remove(member);
            var remover = actor.UserId == member.Id ? actor with { UserId = null } : actor;
            db.AuditEntries.Add(remover.Did("team.member.removed", $"Removed {member.Email} ({from}) from the team.", now));
            return null;
        }, ct);

    /// <summary>
    /// One member change in a serializable transaction, so that two owners demoting each other at
    /// once cannot leave the tenant without an owner (the loser is retried and then refused).
    /// </summary>
    private async Task<TeamRefusal?> ChangeMemberAsync(
        ClaimsPrincipal owner,
        Guid memberId,
        Func<BackscatterDbContext, Actor, PortalUser, string, int, DateTimeOffset, Task<TeamRefusal?>> change,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var actor = Actor.Of(owner);
        await using var db = tenantDatabase.Open(owner);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            if (!await IsOwnerAsync(db, actor, ct))
            {
                return TeamRefusal.NotAnOwner;
            }

            var member = await db.Users.SingleOrDefaultAsync(u => u.Id == memberId && u.TenantId == actor.TenantId, ct);
            if (member is null)
            {
                return TeamRefusal.NotFound;
            }

            var from = RoleNamed(await db.UserRoles.Where(r => r.UserId == member.Id).Select(r => r.RoleId).FirstOrDefaultAsync(ct));
            var owners = await db.UserRoles.CountAsync(r => r.RoleId == OwnerRoleId && db.Users.Any(u => u.Id == r.UserId && u.TenantId == actor.TenantId), ct);
            var refusal = await change(db, actor, member, from, owners, clock.GetUtcNow());
            if (refusal is null)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return refusal;
        });
    }

    /// <summary>A syntactically valid address alone, without a display name, within the length limit.</summary>
    public static bool IsMailAddress(string email) =>
        email.Length is > 0 and <= Invitation.MaxEmailLength
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && new EmailAddressAttribute().IsValid(email)
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email;

    private static IQueryable<MemberRow> MembersOf(BackscatterDbContext db, Guid tenantId) =>
        db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId)
            .OrderBy(u => u.Email)
            .Select(u => new MemberRow(
                u.Id,
                u.Email ?? "",
                u.TwoFactorEnabled,
                u.CreatedAt,
                db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).FirstOrDefault()));

    private static async Task<bool> IsOwnerAsync(BackscatterDbContext db, Actor actor, CancellationToken ct) =>
        actor.UserId is { } id
        && await db.Users.AnyAsync(u => u.Id == id && u.TenantId == actor.TenantId, ct)
        && await db.UserRoles.AnyAsync(r => r.UserId == id && r.RoleId == OwnerRoleId, ct);

    private static string RoleNamed(Guid roleId) =>
        TenantRoles.All.FirstOrDefault(r => TenantRoles.IdOf(r) == roleId) ?? TenantRoles.Viewer;

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private sealed record MemberRow(Guid Id, string Email, bool TwoFactorEnabled, DateTimeOffset CreatedAt, Guid RoleId);
}
