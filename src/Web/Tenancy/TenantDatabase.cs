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
    public async Task<BackscatterDbContext> OpenAsync() => Open(await MemberAsync());

    /// <summary>A context for the member of an HTTP request (endpoints have no authentication state provider).</summary>
    public BackscatterDbContext Open(ClaimsPrincipal user) => Restricted(databases.CreateDbContext(), user);

    /// <summary>
    /// A read-only context on <see cref="ReadReplica"/> for the member of the current circuit or page
    /// render: for what the pipeline writes, never for what the member has just changed.
    /// </summary>
    public async Task<BackscatterDbContext> OpenReplicaAsync() => OpenReplica(await MemberAsync());

    /// <summary>A read-only context on <see cref="ReadReplica"/> for the member of an HTTP request.</summary>
    public BackscatterDbContext OpenReplica(ClaimsPrincipal user) => Restricted(replica.Open(), user);

    /// <summary>True when <see cref="OpenReplicaAsync"/> reads another server, which may lag behind the primary.</summary>
    public bool ReplicaIsSeparate => replica.IsSeparate;

    public async Task<Guid> TenantIdAsync() => TenantClaims.TenantIdOf(await MemberAsync());

    private async Task<ClaimsPrincipal> MemberAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    private static BackscatterDbContext Restricted(BackscatterDbContext db, ClaimsPrincipal user)
    {
        db.RestrictToTenant(TenantClaims.TenantIdOf(user));
        return db;
    }
}
