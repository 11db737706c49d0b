using System.Globalization;
using System.Security.Claims;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Accounts;

/// <summary>Puts the member's tenant into the sign-in cookie, where <see cref="TenantClaims"/> reads it.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<PortalUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaims.TenantId, user.TenantId.ToString("D", CultureInfo.InvariantCulture)));
        return identity;
    }
}
