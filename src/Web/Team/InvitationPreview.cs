namespace Backscatter.Web.Team;

/// <summary>What the invitee sees before choosing a password.</summary>
public sealed record InvitationPreview(string Organisation, string Email, string Role, string InvitedBy, DateTimeOffset ExpiresAt);
