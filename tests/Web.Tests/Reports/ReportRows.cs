using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reports;

/// <summary>Reports written straight into the table, a minute apart from noon UTC of a day, as the overview counts them.</summary>
internal static class ReportRows
{
    /// <param name="status"><c>Classified</c> (a delivery status notification) or <c>Received</c> (waiting, no kind yet).</param>
    public static async Task InsertAsync(BackscatterDbContext db, Guid tenantId, DateOnly day, int count, string? judgement, string? reflector, string status)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var kind = status == "Classified" ? "DeliveryStatusNotification" : null;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, status, duplicate_count, kind, judgement, reflector_ip, reflector_host)
            SELECT gen_random_uuid(), {tenantId}, '192.0.2.1', 'mx.example.net', '', ARRAY['x7k2@in.backscatter.test'],
                   {at} + n * interval '1 minute', 1000, decode(md5(random()::text) || md5(n::text), 'hex'), {status}, 0, {kind}, {judgement},
                   {reflector}::inet, CASE WHEN {reflector}::text IS NULL THEN NULL ELSE 'mx.reflector.example' END
            FROM generate_series(1, {count}) AS n
            """);
    }
}
