using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class IngestDomainEntityTypeConfiguration : IEntityTypeConfiguration<IngestDomain>
{
    public void Configure(EntityTypeBuilder<IngestDomain> builder)
    {
        builder.ToTable("ingest_domains");
        builder.Property(d => d.Name).HasMaxLength(IngestDomain.MaxLength);
        // Unique across tenants: the SMTP listener maps a recipient's domain to exactly one tenant.
        builder.HasIndex(d => d.Name).IsUnique();
        builder.HasOne<Tenant>().WithMany(t => t.IngestDomains).HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
