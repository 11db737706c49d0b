using System.Security.Claims;

namespace Backscatter.Web.Tenancy;

/// <summary>The claim that carries a signed-in member's tenant, written at sign-in by <see cref="Accounts.TenantClaimsPrincipalFactory"/>.</summary>
public static class TenantClaims
{
    public const string TenantId = "backscatter:tenant";

    /// <summary>The member's tenant; <see cref="Guid.Empty"/> (no tenant's data) when anonymous or the claim is missing.</summary>
    public static Guid TenantIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(TenantId), out var id) ? id : Guid.Empty;
    }
}
