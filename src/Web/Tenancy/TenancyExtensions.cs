using Backscatter.Domain.Persistence;
using Backscatter.ServiceDefaults;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tenancy;

public static class TenancyExtensions
{
    /// <summary>
    /// Binds the portal's database access to the signed-in member's tenant. The scoped context
    /// (Identity's store, Data Protection) sees no tenant's data at all; pages and endpoints read
    /// through <see cref="TenantDatabase"/>.
    /// </summary>
    public static IHostApplicationBuilder AddTenantIsolation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<BackscatterDbContext>>().CreateDbContext();
            db.RestrictToTenant(Guid.Empty);
            return db;
        });
        builder.Services.AddScoped<TenantDatabase>();

        var replica = builder.Configuration.GetConnectionString(ReadReplica.ConnectionStringName);
        builder.Services.AddSingleton(sp => new ReadReplica(sp.GetRequiredService<IDbContextFactory<BackscatterDbContext>>(), replica));
        if (!string.IsNullOrWhiteSpace(replica))
        {
            // The portal cannot show reports without it: not ready while it is unreachable.
            builder.Services.AddHealthChecks().AddNpgSql(
                ReadReplica.ReadOnly(replica), name: "postgresql-replica", tags: [ServiceDefaultsExtensions.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        return builder;
    }
}
