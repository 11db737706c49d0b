using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Setup;

/// <summary>Adds a confirmed member with the viewer role to a seeded tenant.</summary>
public static class SetupViewer
{
    public static async Task CreateAsync(IServiceProvider services, TenantData tenant, string email)
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
}
