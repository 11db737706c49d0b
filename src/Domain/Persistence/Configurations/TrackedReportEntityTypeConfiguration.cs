using Backscatter.Domain.Incidents;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class TrackedReportEntityTypeConfiguration : IEntityTypeConfiguration<TrackedReport>
{
    public void Configure(EntityTypeBuilder<TrackedReport> builder)
    {
        builder.ToTable("tracked_reports");
        builder.HasKey(t => t.ReportId);
        builder.Property(t => t.ReportId).ValueGeneratedNever();
        builder.HasIndex(t => t.TrackedAt);
    }
}
