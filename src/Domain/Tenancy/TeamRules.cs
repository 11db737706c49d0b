namespace Backscatter.Domain.Tenancy;

/// <summary>What an owner may do to a member: the rules that keep a tenant manageable.</summary>
public static class TeamRules
{
    /// <summary>Invitations a tenant may send per hour: enough for onboarding a team, too few for spam.</summary>
    public const int InvitationsPerHour = 20;

    /// <summary>Pending invitations a tenant may hold at once.</summary>
    public const int MaxPendingInvitations = 50;

    /// <summary>Null when <paramref name="actorId"/> may give <paramref name="memberId"/> the role <paramref name="to"/>.</summary>
    public static TeamRefusal? WhyNotChangeRole(Guid actorId, Guid memberId, string from, string to, int owners)
    {
        if (!TenantRoles.All.Contains(to))
        {
            return TeamRefusal.UnknownRole;
        }

        if (actorId == memberId)
        {
            return TeamRefusal.OwnRole;
        }

        return from == TenantRoles.Owner && to != TenantRoles.Owner && owners <= 1 ? TeamRefusal.LastOwner : null;
    }

    /// <summary>Null when <paramref name="memberId"/> (who holds <paramref name="role"/>) may be removed; members may leave themselves.</summary>
    public static TeamRefusal? WhyNotRemove(string role, int owners) =>
        role == TenantRoles.Owner && owners <= 1 ? TeamRefusal.LastOwner : null;
}
