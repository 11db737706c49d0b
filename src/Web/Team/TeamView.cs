using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Team;

/// <summary>The signed-in member's team: who is in it, who is invited, and whether the reader may manage it.</summary>
public sealed record TeamView(IReadOnlyList<TeamMember> Members, IReadOnlyList<PendingInvitation> Invitations, Guid ReaderId)
{
    public int Owners => Members.Count(m => m.Role == TenantRoles.Owner);

    /// <summary>From the database, not the cookie: a member demoted a moment ago sees no controls.</summary>
    public bool ReaderIsOwner => Members.Any(m => m.Id == ReaderId && m.Role == TenantRoles.Owner);
}
