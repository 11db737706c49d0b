using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class IngestAddressEntityTypeConfiguration : IEntityTypeConfiguration<IngestAddress>
{
    public void Configure(EntityTypeBuilder<IngestAddress> builder)
    {
        builder.ToTable("ingest_addresses");
        builder.Property(a => a.Address).HasMaxLength(IngestAddress.MaxLength);
        // Unique across tenants: the SMTP listener maps RCPT TO to exactly one tenant.
        builder.HasIndex(a => a.Address).IsUnique();
    }
}
