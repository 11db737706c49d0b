using Backscatter.Domain.Alerts;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class AlertDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.HasOne<AlertChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Event).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Error).HasMaxLength(AlertDelivery.MaxErrorLength);
        // The delivery log, newest first, per tenant and per channel.
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt });
        builder.HasIndex(d => new { d.ChannelId, d.CreatedAt });
        // One delivery per channel per bus message: redeliveries find it.
        builder.HasIndex(d => new { d.ChannelId, d.MessageId }).IsUnique();
    }
}
