using Backscatter.Domain.Incidents;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class IncidentEntityTypeConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.AcknowledgedBy).HasMaxLength(Incident.MaxMemberLength);
        builder.Property(i => i.ResolvedBy).HasMaxLength(Incident.MaxMemberLength);
        builder.HasMany(i => i.Campaigns).WithOne().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.TenantId, i.OpenedAt });
        // At most one open incident per tenant, whatever races between hosts.
        builder.HasIndex(i => i.TenantId).IsUnique().HasFilter("status = 'Open'").HasDatabaseName("ix_incidents_open");
    }
}
