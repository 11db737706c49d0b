using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Team;

/// <summary>
/// The sentences the team page shows after a change. The query string carries only a code, so a
/// crafted link can show one of these sentences and nothing else.
/// </summary>
public static class TeamNotices
{
    public static string CodeOf(TeamRefusal refusal) => refusal switch
    {
        TeamRefusal.NotFound => "not-found",
        TeamRefusal.NotAnOwner => "not-an-owner",
        TeamRefusal.OwnRole => "own-role",
        TeamRefusal.LastOwner => "last-owner",
        TeamRefusal.UnknownRole => "unknown-role",
        TeamRefusal.InvalidEmail => "invalid-email",
        TeamRefusal.AlreadyMember => "already-member",
        TeamRefusal.AlreadyInvited => "already-invited",
        TeamRefusal.TooManyInvitations => "too-many-invitations",
        TeamRefusal.NoLongerPending => "no-longer-pending",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    public static string? Done(string? code) => code switch
    {
        "invited" => "Invitation sent. It is valid for 7 days.",
        "revoked" => "Invitation revoked; its link no longer works.",
        "role-changed" => "Role changed. The member is signed out and logs in again with the new role.",
        "removed" => "Member removed. Their session ends with their next request.",
        _ => null,
    };

    public static string? Refused(string? code) => code switch
    {
        "not-found" => "There is no such member or invitation.",
        "not-an-owner" => "Only owners manage the team.",
        "own-role" => "You cannot change your own role; ask another owner.",
        "last-owner" => "The team needs at least one owner. Make someone else an owner first.",
        "unknown-role" => "Choose owner, admin or viewer.",
        "invalid-email" => $"Enter one email address (at most {Invitation.MaxEmailLength} characters), such as ana@example.com.",
        "already-member" => "That address is already a member of your team.",
        "already-invited" => "That address has a pending invitation. Revoke it to send a new one.",
        "too-many-invitations" => $"Too many invitations: at most {TeamRules.InvitationsPerHour} an hour and {TeamRules.MaxPendingInvitations} pending. Try again later.",
        "no-longer-pending" => "That invitation was already accepted, revoked, or has expired.",
        _ => null,
    };
}
