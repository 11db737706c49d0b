using System.Security.Claims;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Setup;

/// <summary>Members of the seeded tenants as the Setup tests need them.</summary>
public static class SetupMembers
{
    /// <summary>Adds a confirmed member with the viewer role to a seeded tenant.</summary>
    public static async Task CreateViewerAsync(IServiceProvider services, TenantData tenant, string email)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var viewer = new PortalUser { TenantId = tenant.TenantId, UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(viewer, TwoTenants.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(viewer, TenantRoles.Viewer);
    }

    /// <summary>The principal the sign-in cookie would carry: tenant claim and roles.</summary>
    public static async Task<ClaimsPrincipal> PrincipalOfAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByEmailAsync(email))!);
    }
}
