using Backscatter.Domain.Incidents;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class TenantActivityEntityTypeConfiguration : IEntityTypeConfiguration<TenantActivity>
{
    public void Configure(EntityTypeBuilder<TenantActivity> builder)
    {
        builder.ToTable("tenant_activity");
        builder.HasKey(a => a.TenantId);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantActivity>(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.WindowCount);
    }
}
