using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ReflectorDayEntityTypeConfiguration : IEntityTypeConfiguration<ReflectorDay>
{
    public void Configure(EntityTypeBuilder<ReflectorDay> builder)
    {
        builder.ToTable("reflector_days");
        // The unique index on (tenant_id, day, ip) is created in the migration by SQL: EF Core cannot
        // track a unique index over IPAddress (not IComparable). Closing a day twice conflicts on it.
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Ip).HasColumnType("inet");
        builder.Property(d => d.Host).HasMaxLength(255);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
