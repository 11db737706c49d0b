using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ReflectorSightingEntityTypeConfiguration : IEntityTypeConfiguration<ReflectorSighting>
{
    public void Configure(EntityTypeBuilder<ReflectorSighting> builder)
    {
        builder.ToTable("reflector_sightings");
        // The unique index on (ip, tenant_id, kind, hour) is created in the migration by SQL: EF Core
        // cannot track a unique index over IPAddress (not IComparable). Upserts conflict on it.
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Ip).HasColumnType("inet");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.LastSeen);
    }
}
