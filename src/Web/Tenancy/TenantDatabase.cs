using System.Security.Claims;

using Backscatter.Domain.Persistence;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tenancy;

/// <summary>
/// The only way the portal reads tenant data: every context it hands out is restricted to the
/// signed-in member's tenant by the query filter of <see cref="BackscatterDbContext"/>.
/// </summary>
public sealed class TenantDatabase(IDbContextFactory<BackscatterDbContext> databases, ReadReplica replica, AuthenticationStateProvider authentication)
{
    /// <summary>A context for the member of the current circuit or page render.</summary>
    public async Task<BackscatterDbContext> OpenAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Open(state.User);
    }

    /// <summary>A context for the member of an HTTP request (endpoints have no authentication state provider).</summary>
    public BackscatterDbContext Open(ClaimsPrincipal user)
    {
        var db = databases.CreateDbContext();
        db.RestrictToTenant(TenantClaims.TenantIdOf(user));
        return db;
    }

    /// <summary>
    /// A read-only context on <see cref="ReadReplica"/> for the member of the current circuit or page
    /// render: for what the pipeline writes, never for what the member has just changed.
    /// </summary>
    public async Task<BackscatterDbContext> OpenReplicaAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return OpenReplica(state.User);
    }

    /// <summary>A read-only context on <see cref="ReadReplica"/> for the member of an HTTP request.</summary>
    public BackscatterDbContext OpenReplica(ClaimsPrincipal user)
    {
        var db = replica.Open();
        db.RestrictToTenant(TenantClaims.TenantIdOf(user));
        return db;
    }

    /// <summary>True when <see cref="OpenReplicaAsync"/> reads another server, which may lag behind the primary.</summary>
    public bool ReplicaIsSeparate => replica.IsSeparate;

    public async Task<Guid> TenantIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return TenantClaims.TenantIdOf(state.User);
    }
}
