namespace Backscatter.Web.Team;

/// <summary>A member as the team page lists them.</summary>
public sealed record TeamMember(Guid Id, string Email, string Role, bool TwoFactorEnabled, DateTimeOffset Since);
