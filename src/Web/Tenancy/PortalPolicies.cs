using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.Authorization;

namespace Backscatter.Web.Tenancy;

/// <summary>
/// What a member's role allows beyond reading: pages and endpoints that change something name one
/// of these in <c>[Authorize(Policy = ...)]</c> or <c>RequireAuthorization(...)</c>.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Setup, alert channels, incidents: owners and admins.</summary>
    public const string ChangeSettings = "change-settings";

    /// <summary>Inviting, removing and re-roling members: owners only.</summary>
    public const string ManageTeam = "manage-team";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization
            .AddPolicy(ChangeSettings, p => p.RequireAuthenticatedUser().RequireRole(TenantRoles.Owner, TenantRoles.Admin))
            .AddPolicy(ManageTeam, p => p.RequireAuthenticatedUser().RequireRole(TenantRoles.Owner));
    }
}
