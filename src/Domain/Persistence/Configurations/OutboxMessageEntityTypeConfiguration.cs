using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(OutboxMessage.MaxTypeLength);
        builder.Property(m => m.Body).HasColumnType("jsonb");
        // What is left over is published oldest first.
        builder.HasIndex(m => m.CreatedAt);
    }
}
