using Backscatter.Domain.Reflectors;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ReflectorRecordEntityTypeConfiguration : IEntityTypeConfiguration<ReflectorRecord>
{
    public void Configure(EntityTypeBuilder<ReflectorRecord> builder)
    {
        builder.ToTable("reflectors");
        // The unique index on ip is created in the migration by SQL: EF Core cannot track a unique
        // index over IPAddress (not IComparable). Upserts conflict on it.
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Ip).HasColumnType("inet");
        builder.Property(r => r.Host).HasMaxLength(255);
        builder.Property(r => r.ReportingMta).HasMaxLength(255);
        builder.Property(r => r.MtaSoftware).HasMaxLength(32);
    }
}
