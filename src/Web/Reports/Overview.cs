using Backscatter.Domain.Classification;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>The overview's numbers for the signed-in tenant, aggregated in PostgreSQL.</summary>
/// <remarks>
/// Counting a month of reports on every render reads hundreds of thousands of rows for a tenant under
/// attack. A day that can no longer change is counted once into <see cref="ReportDay"/> and
/// <see cref="ReflectorDay"/> (closed); only the open days, usually just today, are counted from
/// their reports (<see cref="ReportDayRollups"/>). See docs/benchmarks.md, "Portal".
/// </remarks>
public sealed class Overview(TenantDatabase tenantDatabase, TimeProvider clock)
{
    public const int TopReflectorCount = 5;

    public async Task<OverviewStatistics> ForLastDaysAsync(int dayCount, CancellationToken ct = default)
    {
        dayCount = Math.Clamp(dayCount, 1, ReportDayRollups.MaxDays);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(1 - dayCount);
        var lastClosable = ReportDayRollups.LastClosableDay(now);
        var days = Enumerable.Range(0, dayCount).Select(firstDay.AddDays).ToArray();
        var tenantId = await tenantDatabase.TenantIdAsync();

        if (lastClosable >= firstDay)
        {
            await using var primary = await tenantDatabase.OpenAsync();
            await ReportDayRollups.CloseAsync(primary, tenantId, firstDay, lastClosable, ct);
        }

        // Counted on the replica. A day closed just now and not yet replicated is counted from its
        // reports instead (the queries take a day without rollups from the reports), so the sum is the same.
        await using var db = await tenantDatabase.OpenReplicaAsync();

        // Open days: those of the period without rollups. Each is read through the index by its own range (LATERAL).
        var counts = await db.ReportDays.FromSql(
            $"""
            SELECT tenant_id, day, kind, judgement, count FROM report_days WHERE tenant_id = {tenantId} AND day >= {firstDay}
            UNION ALL
            SELECT {tenantId}, o.at::date, r.kind, r.judgement, count(*)::int
            FROM (SELECT {firstDay}::timestamp + n * interval '1 day' AS at FROM generate_series(0, {dayCount - 1}) AS n) AS o
            CROSS JOIN LATERAL (
                SELECT r.kind, COALESCE(r.judgement, 'Undetermined') AS judgement FROM reports r
                WHERE r.tenant_id = {tenantId} AND r.received_at >= o.at AT TIME ZONE 'UTC' AND r.received_at < (o.at + interval '1 day') AT TIME ZONE 'UTC'
                  AND r.kind IS NOT NULL) AS r
            WHERE NOT EXISTS (SELECT 1 FROM report_days d WHERE d.tenant_id = {tenantId} AND d.day = o.at::date)
            GROUP BY o.at, r.kind, r.judgement
            """).AsNoTracking().ToListAsync(ct);
        var reflectors = await db.ReflectorDays.FromSql(
            $"""
            SELECT 0::bigint AS id, {tenantId} AS tenant_id, {today} AS day, x.ip, max(x.host) AS host, sum(x.count)::int AS count, max(x.last_seen) AS last_seen
            FROM (
                SELECT ip, host, count, last_seen FROM reflector_days WHERE tenant_id = {tenantId} AND day >= {firstDay}
                UNION ALL
                SELECT r.reflector_ip, r.reflector_host, 1, r.received_at
                FROM (SELECT {firstDay}::timestamp + n * interval '1 day' AS at FROM generate_series(0, {dayCount - 1}) AS n) AS o
                CROSS JOIN LATERAL (
                    SELECT r.reflector_ip, r.reflector_host, r.received_at FROM reports r
                    WHERE r.tenant_id = {tenantId} AND r.received_at >= o.at AT TIME ZONE 'UTC' AND r.received_at < (o.at + interval '1 day') AT TIME ZONE 'UTC'
                      AND r.judgement = 'Backscatter' AND r.reflector_ip IS NOT NULL) AS r
                WHERE NOT EXISTS (SELECT 1 FROM report_days d WHERE d.tenant_id = {tenantId} AND d.day = o.at::date)
            ) AS x
            GROUP BY x.ip
            ORDER BY sum(x.count) DESC, x.ip
            LIMIT {TopReflectorCount}
            """).AsNoTracking().ToListAsync(ct);

        var byKind = new Dictionary<MessageKind, int[]>();
        var byVerdict = new Dictionary<Judgement, int[]>();
        foreach (var c in counts)
        {
            var index = c.Day.DayNumber - firstDay.DayNumber;
            if (index < 0 || index >= dayCount)
            {
                continue;
            }

            Add(byKind, c.Kind, index, c.Count, dayCount);
            Add(byVerdict, c.Judgement, index, c.Count, dayCount);
        }

        return new OverviewStatistics(
            days,
            byKind,
            byVerdict,
            [.. reflectors.OrderByDescending(r => r.Count).Select(r => new TopReflector(r.Ip, r.Host, r.Count, r.LastSeen))]);
    }

    private static void Add<TKey>(Dictionary<TKey, int[]> series, TKey key, int index, int count, int dayCount)
        where TKey : notnull
    {
        if (!series.TryGetValue(key, out var values))
        {
            series[key] = values = new int[dayCount];
        }

        values[index] += count;
    }
}
