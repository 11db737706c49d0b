using Backscatter.Domain.Alerts;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class AlertChannelEntityTypeConfiguration : IEntityTypeConfiguration<AlertChannel>
{
    public void Configure(EntityTypeBuilder<AlertChannel> builder)
    {
        builder.ToTable("alert_channels");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Name).HasMaxLength(AlertChannel.MaxNameLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Destination).HasMaxLength(300);
        builder.HasIndex(c => c.TenantId);
    }
}
