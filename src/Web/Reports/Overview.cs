using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>The overview's numbers for the signed-in tenant, aggregated in PostgreSQL.</summary>
public sealed class Overview(TenantDatabase tenantDatabase, TimeProvider clock)
{
    public const int TopReflectorCount = 5;

    public async Task<OverviewStatistics> ForLastDaysAsync(int dayCount, CancellationToken ct = default)
    {
        dayCount = Math.Clamp(dayCount, 1, 90);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstDay = today.AddDays(1 - dayCount);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var days = Enumerable.Range(0, dayCount).Select(firstDay.AddDays).ToArray();

        await using var db = await tenantDatabase.OpenAsync();
        var counts = await db.Reports.AsNoTracking()
            .Where(r => r.ReceivedAt >= since && r.Kind != null)
            .GroupBy(r => new { Day = DateOnly.FromDateTime(r.ReceivedAt.UtcDateTime), r.Kind, r.Judgement })
            .Select(g => new { g.Key.Day, g.Key.Kind, g.Key.Judgement, Count = g.Count() })
            .ToListAsync(ct);
        var reflectors = await db.Reports.AsNoTracking()
            .Where(r => r.ReceivedAt >= since && r.ReflectorIp != null && r.Judgement == Judgement.Backscatter)
            .GroupBy(r => r.ReflectorIp)
            .Select(g => new { Ip = g.Key, Host = g.Max(r => r.ReflectorHost), Count = g.Count(), LastSeen = g.Max(r => r.ReceivedAt) })
            .OrderByDescending(g => g.Count)
            .Take(TopReflectorCount)
            .ToListAsync(ct);

        var byKind = new Dictionary<MessageKind, int[]>();
        var byVerdict = new Dictionary<Judgement, int[]>();
        foreach (var c in counts)
        {
            var index = c.Day.DayNumber - firstDay.DayNumber;
            if (index < 0 || index >= dayCount)
            {
                continue;
            }

            Add(byKind, c.Kind!.Value, index, c.Count, dayCount);
            Add(byVerdict, c.Judgement ?? Judgement.Undetermined, index, c.Count, dayCount);
        }

        return new OverviewStatistics(
            days,
            byKind,
            byVerdict,
            [.. reflectors.Select(r => new TopReflector(r.Ip!, r.Host, r.Count, r.LastSeen))]);
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
