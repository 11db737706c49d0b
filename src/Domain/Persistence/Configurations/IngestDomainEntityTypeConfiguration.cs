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
        builder.Property(d => d.VerificationToken).HasMaxLength(IngestDomainVerification.MaxTokenLength);
        // A verified name belongs to one tenant: the SMTP listener maps a recipient's domain to exactly one.
        // Pending claims are not in it, so nobody blocks the owner by claiming a name first (docs/adr/0027).
        builder.HasIndex(d => d.Name).IsUnique().HasFilter("verified_at IS NOT NULL");
        builder.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany(t => t.IngestDomains).HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
