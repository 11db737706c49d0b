using System.Data;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Team;

/// <summary>
/// Where an invitee arrives from the link: the token is looked up by its hash across tenants (the
/// visitor has none yet; the 256-bit token is the only key), and accepting it creates the member in
/// the inviting tenant with the invited role, email confirmed by the token, in one transaction with
/// the invitation's use and its audit entry.
/// </summary>
/// <remarks>
/// One member belongs to one tenant: an address that already has an account, in any tenant, is
/// refused rather than moved or shared.
/// </remarks>
public sealed class InvitationDesk(BackscatterDbContext db, UserManager<PortalUser> users, TimeProvider clock)
{
    public async Task<Acceptance> FindAsync(string? token, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(token, ct);
        return invitation is null ? new Acceptance(null, TeamRefusal.NotFound) : await CheckAsync(invitation, ct);
    }

    public async Task<Acceptance> AcceptAsync(string? token, string password, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var invitation = await FindInvitationAsync(token, ct);
            if (invitation is null)
            {
                return new Acceptance(null, TeamRefusal.NotFound);
            }

            var checkedInvitation = await CheckAsync(invitation, ct);
            if (checkedInvitation.Refusal is not null || checkedInvitation.Preview is null)
            {
                return checkedInvitation;
            }

            // From here this request's context writes the inviting tenant's rows only.
            db.RestrictToTenant(invitation.TenantId);
            var now = clock.GetUtcNow();
            var member = new PortalUser
            {
                TenantId = invitation.TenantId,
                UserName = invitation.Email,
                Email = invitation.Email,
                EmailConfirmed = true,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(member, password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(member, invitation.Role);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return checkedInvitation with { Errors = [.. created.Errors] };
            }

            invitation.Accept(now);
            db.AuditEntries.Add(new Actor(invitation.TenantId, member.Id, invitation.Email)
                .Did("team.member.joined", $"{invitation.Email} accepted the invitation from {invitation.InvitedBy} and joined as {invitation.Role}.", now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return checkedInvitation;
        });
    }

    private async Task<Invitation?> FindInvitationAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > InvitationToken.MaxLength)
        {
            return null;
        }

        var hash = InvitationToken.Hash(token);
        // The one cross-tenant read of the portal: by a secret only the invitee holds.
        return await db.Invitations.IgnoreQueryFilters([BackscatterDbContext.TenantFilter])
            .SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    private async Task<Acceptance> CheckAsync(Invitation invitation, CancellationToken ct)
    {
        var organisation = await db.Tenants.IgnoreQueryFilters([BackscatterDbContext.TenantFilter])
            .Where(t => t.Id == invitation.TenantId)
            .Select(t => t.Name)
            .SingleAsync(ct);
        var preview = new InvitationPreview(organisation, invitation.Email, invitation.Role, invitation.InvitedBy, invitation.ExpiresAt);
        if (!invitation.IsPendingAt(clock.GetUtcNow()))
        {
            return new Acceptance(preview, TeamRefusal.NoLongerPending);
        }

        return await users.FindByEmailAsync(invitation.Email) is null
            ? new Acceptance(preview)
            : new Acceptance(preview, TeamRefusal.AlreadyMember);
    }
}
