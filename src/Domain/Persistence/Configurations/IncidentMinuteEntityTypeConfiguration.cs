using Backscatter.Domain.Incidents;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class IncidentMinuteEntityTypeConfiguration : IEntityTypeConfiguration<IncidentMinute>
{
    public void Configure(EntityTypeBuilder<IncidentMinute> builder)
    {
        builder.ToTable("incident_minutes");
        builder.HasKey(m => new { m.IncidentId, m.Minute });
        builder.HasOne<Incident>().WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
