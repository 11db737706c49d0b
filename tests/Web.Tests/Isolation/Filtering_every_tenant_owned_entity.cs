using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Isolation;

/// <summary>
/// The model itself: whoever adds an entity with a tenant id gets the tenant filter, or this fails
/// and says which entity is missing it.
/// </summary>
public sealed class Filtering_every_tenant_owned_entity
{
    // Identity finds users before anyone is signed in; member pages filter users themselves.
    private static readonly Type[] Unfiltered = [typeof(PortalUser)];

    [Fact]
    public void Should_give_every_entity_with_a_tenant_id_the_tenant_filter()
    {
        using var db = new TestDatabase().CreateContext();

        var missing = db.Model.GetEntityTypes()
            .Where(e => e.FindProperty(nameof(ITenantOwned.TenantId)) is not null || e.ClrType == typeof(Tenant))
            .Where(e => !Unfiltered.Contains(e.ClrType))
            .Where(e => e.FindDeclaredQueryFilter(BackscatterDbContext.TenantFilter) is null)
            .Select(e => e.ClrType.Name)
            .ToList();

        Assert.Empty(missing);
    }
}
