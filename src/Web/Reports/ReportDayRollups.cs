using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>
/// Closing days: a day that can no longer change is counted once into <see cref="Domain.Reports.ReportDay"/>
/// and <see cref="Domain.Reports.ReflectorDay"/>, so that the overview reads a month from a few rows.
/// </summary>
public static class ReportDayRollups
{
    /// <summary>The overview's longest period: days older than this are never read, so never closed.</summary>
    public const int MaxDays = 90;

    /// <summary>
    /// How long after its end (midnight UTC) a day is closed. A day with reports still waiting to be
    /// classified stays open until they are.
    /// </summary>
    public static readonly TimeSpan ClosingDelay = TimeSpan.FromHours(1);

    public static DateOnly LastClosableDay(DateTimeOffset now) => DateOnly.FromDateTime((now - ClosingDelay).UtcDateTime).AddDays(-1);

    /// <summary>
    /// Counts each day from <paramref name="firstDay"/> to <paramref name="lastDay"/> that is not closed
    /// yet, unless some of its reports still wait for classification. Two callers may close the same day
    /// at once (renders, the portal's nightly pass on several replicas): they count the same rows, and
    /// the second one's rows conflict and are dropped.
    /// </summary>
    public static async Task CloseAsync(BackscatterDbContext db, Guid tenantId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH closing AS MATERIALIZED (
                SELECT g.at AT TIME ZONE 'UTC' AS starts, (g.at + interval '1 day') AT TIME ZONE 'UTC' AS ends, g.at::date AS day
                FROM (SELECT {firstDay}::timestamp + n * interval '1 day' AS at FROM generate_series(0, {lastDay.DayNumber - firstDay.DayNumber}) AS n) AS g
                WHERE NOT EXISTS (SELECT 1 FROM report_days d WHERE d.tenant_id = {tenantId} AND d.day = g.at::date)
                  AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.tenant_id = {tenantId} AND r.status = 'Received'
                                  AND r.received_at >= g.at AT TIME ZONE 'UTC' AND r.received_at < (g.at + interval '1 day') AT TIME ZONE 'UTC')
            ), counted AS (
                INSERT INTO report_days (tenant_id, day, kind, judgement, count)
                SELECT {tenantId}, c.day, r.kind, r.judgement, count(*)
                FROM closing c CROSS JOIN LATERAL (
                    SELECT r.kind, COALESCE(r.judgement, 'Undetermined') AS judgement FROM reports r
                    WHERE r.tenant_id = {tenantId} AND r.received_at >= c.starts AND r.received_at < c.ends AND r.kind IS NOT NULL) AS r
                GROUP BY c.day, r.kind, r.judgement
                ON CONFLICT DO NOTHING
            )
            INSERT INTO reflector_days (tenant_id, day, ip, host, count, last_seen)
            SELECT {tenantId}, c.day, r.reflector_ip, max(r.reflector_host), count(*), max(r.received_at)
            FROM closing c CROSS JOIN LATERAL (
                SELECT r.reflector_ip, r.reflector_host, r.received_at FROM reports r
                WHERE r.tenant_id = {tenantId} AND r.received_at >= c.starts AND r.received_at < c.ends
                  AND r.judgement = 'Backscatter' AND r.reflector_ip IS NOT NULL) AS r
            GROUP BY c.day, r.reflector_ip
            ON CONFLICT (tenant_id, day, ip) DO NOTHING
            """,
            ct);
}
