using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class PortalDataProtectionKeyEntityTypeConfiguration : IEntityTypeConfiguration<PortalDataProtectionKey>
{
    public void Configure(EntityTypeBuilder<PortalDataProtectionKey> builder)
    {
        builder.ToTable("portal_data_protection_keys");
    }
}
