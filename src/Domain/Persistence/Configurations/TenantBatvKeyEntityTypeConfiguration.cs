using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class TenantBatvKeyEntityTypeConfiguration : IEntityTypeConfiguration<TenantBatvKey>
{
    public void Configure(EntityTypeBuilder<TenantBatvKey> builder)
    {
        builder.ToTable("tenant_batv_keys", t => t.HasCheckConstraint("ck_tenant_batv_keys_number", "number BETWEEN 0 AND 9"));
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => new { k.TenantId, k.Number }).IsUnique();
        // One active signing key per tenant, enforced by the database.
        builder.HasIndex(k => k.TenantId).IsUnique().HasFilter("is_active").HasDatabaseName("ix_tenant_batv_keys_active");
    }
}
