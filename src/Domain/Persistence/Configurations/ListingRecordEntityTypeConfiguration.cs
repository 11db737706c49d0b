using Backscatter.Domain.Listing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ListingRecordEntityTypeConfiguration : IEntityTypeConfiguration<ListingRecord>
{
    public void Configure(EntityTypeBuilder<ListingRecord> builder)
    {
        builder.ToTable("listings");
        // The unique index on ip is created in the migration by SQL (IPAddress is not IComparable).
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Ip).HasColumnType("inet");
        builder.Property(l => l.Reason).HasMaxLength(ListingRecord.MaxReasonLength);
        // The feed loads the listed rows; the expiry sweep looks for the due ones.
        builder.HasIndex(l => l.ExpiresAt).HasFilter("is_listed");
    }
}
