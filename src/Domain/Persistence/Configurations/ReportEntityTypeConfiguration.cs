using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

internal sealed class ReportEntityTypeConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("reports");
        // A classified report (about 3 KB with its raw message and details) stays whole in its row:
        // above 2 KB PostgreSQL would otherwise try to compress the raw message, which is compressed
        // already and hardly shrinks, and then move it to the TOAST table, at every classification
        // (docs/adr/0020). Messages larger than a page still go to TOAST.
        builder.HasStorageParameter("toast_tuple_target", 8160);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ClientIp).HasColumnType("inet");
        builder.Property(r => r.Helo).HasMaxLength(Report.MaxHeloLength);
        builder.Property(r => r.MailFrom).HasMaxLength(Report.MaxAddressLength);
        builder.Property(r => r.Sha256).HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RawMessageCompressed).HasColumnName("raw_message");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Judgement).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(32);
        builder.Property(r => r.ReflectorIp).HasColumnType("inet");
        builder.Property(r => r.ReflectorHost).HasMaxLength(255);
        builder.Property(r => r.ReportingMta).HasMaxLength(255);
        builder.Property(r => r.MtaSoftware).HasMaxLength(32);
        builder.Property(r => r.BouncedTo).HasMaxLength(Report.MaxAddressLength);
        builder.Property(r => r.OriginalSubject).HasMaxLength(500);
        builder.Property(r => r.OriginalMessageId).HasMaxLength(500);
        builder.Property(r => r.Failure).HasMaxLength(2000);
        builder.Property(r => r.Details).HasColumnType("jsonb");
        // The portal's reports list, newest first, and the overview's counts per day (read from the index alone).
        builder.HasIndex(r => new { r.TenantId, r.ReceivedAt }).IncludeProperties(r => new { r.Kind, r.Judgement });
        // The indexes below serve filters and searches on what classification found. They are partial,
        // holding classified rows only (every filter on a column implies it is not null), so that the
        // INSERT at acceptance, durable before the 250, does not maintain them: it writes 4 index
        // entries instead of 14 (docs/adr/0020, docs/benchmarks.md "PostgreSQL write cost").
        // Each filter of the reports list, newest first, and its bounded count (docs/benchmarks.md, "Portal").
        builder.HasIndex(r => new { r.TenantId, r.ReflectorIp, r.ReceivedAt }).HasFilter("reflector_ip IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.Kind, r.ReceivedAt }).HasFilter("kind IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.Judgement, r.ReceivedAt }).HasFilter("judgement IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.Reason, r.ReceivedAt }).HasFilter("reason IS NOT NULL");
        // Verdict and reason together are the list's most common pair ("backscatter, user unknown").
        builder.HasIndex(r => new { r.TenantId, r.Judgement, r.Reason, r.ReceivedAt }).HasFilter("reason IS NOT NULL");
        // Exact lookups of a complete recipient address or Message-ID (see ReportFilter).
        builder.HasIndex(r => new { r.TenantId, r.BouncedTo }).HasFilter("bounced_to IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.OriginalMessageId }).HasFilter("original_message_id IS NOT NULL");
        // Search by part of a recipient, subject or Message-ID (pg_trgm: ILIKE '%text%' without reading every row).
        builder.HasIndex(r => r.BouncedTo).HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter("bounced_to IS NOT NULL");
        builder.HasIndex(r => r.OriginalSubject).HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter("original_subject IS NOT NULL");
        builder.HasIndex(r => r.OriginalMessageId).HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter("original_message_id IS NOT NULL");
        // Duplicate detection looks for the same message to the same tenant within a recent window.
        builder.HasIndex(r => new { r.TenantId, r.Sha256, r.ReceivedAt });
        // The sweeper looks for reports left unclassified.
        builder.HasIndex(r => r.ReceivedAt).HasFilter("status = 'Received'");
    }
}
