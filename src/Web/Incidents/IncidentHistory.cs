using Backscatter.Domain.Verdicts;
using Backscatter.Web.Reports;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Incidents;

/// <summary>The signed-in tenant's incidents; another tenant's incident is not found.</summary>
public sealed class IncidentHistory(TenantDatabase tenantDatabase)
{
    public const int MaxListed = 500;
    public const int TopReflectorCount = 10;
    public const int SampleReportCount = 20;
    public const int MaxCampaigns = 50;

    // A day of minutes: enough for any wave, bounded for a page.
    public const int MaxMinutes = 1440;

    public async Task<IReadOnlyList<Domain.Incidents.Incident>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await tenantDatabase.OpenAsync();
        return await db.Incidents.AsNoTracking()
            .OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id)
            .Take(MaxListed)
            .ToListAsync(ct);
    }

    /// <summary>The tenant's open incidents, newest first (one at most while the tracker keeps one per tenant).</summary>
    public async Task<IReadOnlyList<Domain.Incidents.Incident>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await tenantDatabase.OpenAsync();
        return await db.Incidents.AsNoTracking()
            .Where(i => i.Status == Domain.Incidents.IncidentStatus.Open)
            .OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id)
            .Take(5)
            .ToListAsync(ct);
    }

    public async Task<IncidentDetail?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await tenantDatabase.OpenAsync();
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Campaigns.OrderByDescending(c => c.Count).ThenBy(c => c.Id).Take(MaxCampaigns)).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return null;
        }

        // Minutes have no tenant of their own: they are read only for an incident the tenant filter let through.
        var minutes = await db.IncidentMinutes.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .OrderBy(m => m.Minute)
            .Take(MaxMinutes)
            .ToListAsync(ct);

        // The incident from the primary (the member may have just acknowledged it); its reports from the replica.
        await using var replica = await tenantDatabase.OpenReplicaAsync();
        var end = incident.ResolvedAt ?? incident.LastReportAt;
        var reports = replica.Reports.AsNoTracking()
            .Where(r => r.ReceivedAt >= incident.StartedAt && r.ReceivedAt <= end && r.Judgement == Judgement.Backscatter);
        var reflectors = await reports
            .Where(r => r.ReflectorIp != null)
            .GroupBy(r => r.ReflectorIp)
            .Select(g => new { Ip = g.Key, Host = g.Max(r => r.ReflectorHost), Count = g.Count(), LastSeen = g.Max(r => r.ReceivedAt) })
            .OrderByDescending(g => g.Count)
            .Take(TopReflectorCount)
            .ToListAsync(ct);
        var samples = await ReportSearch.Rows(reports.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(SampleReportCount))
            .ToListAsync(ct);

        return new IncidentDetail(
            incident,
            minutes,
            [.. reflectors.Select(r => new TopReflector(r.Ip!, r.Host, r.Count, r.LastSeen))],
            samples);
    }
}
