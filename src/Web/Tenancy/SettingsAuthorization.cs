using System.Security.Claims;

using Microsoft.AspNetCore.Authorization;

namespace Backscatter.Web.Tenancy;

/// <summary>The server-side check behind every change, whatever controls a page rendered.</summary>
public static class SettingsAuthorization
{
    /// <summary>A member of a tenant whose role passes <see cref="PortalPolicies.ChangeSettings"/>.</summary>
    public static async Task<bool> MayChangeSettingsAsync(this IAuthorizationService authorization, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return TenantClaims.TenantIdOf(user) != Guid.Empty
            && (await authorization.AuthorizeAsync(user, PortalPolicies.ChangeSettings)).Succeeded;
    }
}
