using Backscatter.Domain.Incidents;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class IncidentCampaignEntityTypeConfiguration : IEntityTypeConfiguration<IncidentCampaign>
{
    public void Configure(EntityTypeBuilder<IncidentCampaign> builder)
    {
        builder.ToTable("incident_campaigns");
        builder.Property(c => c.Subject).HasMaxLength(CampaignKey.MaxSubjectLength);
        builder.Property(c => c.SenderPattern).HasMaxLength(CampaignKey.MaxSenderPatternLength);
        // Counts are upserted on this key.
        builder.HasIndex(c => new { c.IncidentId, c.Subject, c.SenderPattern }).IsUnique();
    }
}
