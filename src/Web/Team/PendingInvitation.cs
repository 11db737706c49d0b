namespace Backscatter.Web.Team;

/// <summary>An invitation not yet accepted, revoked or expired.</summary>
public sealed record PendingInvitation(Guid Id, string Email, string Role, string InvitedBy, DateTimeOffset ExpiresAt);
