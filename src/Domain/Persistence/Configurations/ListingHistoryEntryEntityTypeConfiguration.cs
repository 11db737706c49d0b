using Backscatter.Domain.Listing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ListingHistoryEntryEntityTypeConfiguration : IEntityTypeConfiguration<ListingHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ListingHistoryEntry> builder)
    {
        builder.ToTable("listing_history");
        // An index on (ip, at) is created in the migration by SQL (IPAddress is not IComparable).
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Ip).HasColumnType("inet");
        builder.Property(h => h.Change).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Reason).HasMaxLength(ListingRecord.MaxReasonLength);
        builder.Property(h => h.Actor).HasMaxLength(ListingHistoryEntry.MaxActorLength);
    }
}
