using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class TenantMailSettingsEntityTypeConfiguration : IEntityTypeConfiguration<TenantMailSettings>
{
    public void Configure(EntityTypeBuilder<TenantMailSettings> builder)
    {
        builder.ToTable("tenant_mail_settings");
        builder.HasKey(s => s.TenantId);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantMailSettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
