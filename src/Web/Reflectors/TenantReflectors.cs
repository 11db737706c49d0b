using Backscatter.Domain.Listing;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reflectors;

/// <summary>
/// The reflectors of the signed-in tenant, paged in PostgreSQL. Which servers and how much backscatter
/// come from the tenant's own sightings only (restricted by <see cref="TenantDatabase"/>); the host name,
/// software and listing are global and read only for the servers on the page.
/// </summary>
public sealed class TenantReflectors(TenantDatabase tenantDatabase)
{
    public const int MaxPageSize = 100;

    public async Task<ReflectorPage> FindAsync(ReflectorOrder order, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await tenantDatabase.OpenReplicaAsync();
        var sightings = db.ReflectorSightings.AsNoTracking();
        var total = await sightings.Select(s => s.Ip).Distinct().CountAsync(ct);
        var grouped = sightings
            .GroupBy(s => s.Ip)
            .Select(g => new
            {
                Ip = g.Key,
                Bounces = g.Sum(s => s.Kind == BackscatterKind.Bounce ? s.Count : 0),
                AutoReplies = g.Sum(s => s.Kind == BackscatterKind.AutoReply ? s.Count : 0),
                ChallengeResponses = g.Sum(s => s.Kind == BackscatterKind.ChallengeResponse ? s.Count : 0),
                VirusNotices = g.Sum(s => s.Kind == BackscatterKind.VirusNotice ? s.Count : 0),
                Total = g.Sum(s => s.Count),
                FirstSeen = g.Min(s => s.FirstSeen),
                LastSeen = g.Max(s => s.LastSeen),
            });
        var ordered = order == ReflectorOrder.Count
            ? grouped.OrderByDescending(r => r.Total).ThenByDescending(r => r.LastSeen).ThenBy(r => r.Ip)
            : grouped.OrderByDescending(r => r.LastSeen).ThenBy(r => r.Ip);
        var counts = await ordered.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);

        var ips = counts.Select(c => c.Ip).ToArray();
        var servers = (await db.Reflectors.AsNoTracking()
                .Where(r => ips.Contains(r.Ip))
                .Select(r => new { r.Ip, r.Host, r.MtaSoftware })
                .ToListAsync(ct))
            .ToLookup(r => r.Ip);
        // Only the feed's answer: the listing's message and network counts span every tenant.
        var listings = (await db.Listings.AsNoTracking()
                .Where(l => ips.Contains(l.Ip))
                .Select(l => new { l.Ip, l.IsListed, l.ReturnCodes, l.ListedSince, l.ExpiresAt })
                .ToListAsync(ct))
            .ToLookup(l => l.Ip);

        var rows = counts.Select(c =>
        {
            var server = servers[c.Ip].FirstOrDefault();
            var listing = listings[c.Ip].FirstOrDefault(l => l.IsListed);
            return new ReflectorRow
            {
                Ip = c.Ip,
                Host = server?.Host,
                MtaSoftware = server?.MtaSoftware,
                Bounces = c.Bounces,
                AutoReplies = c.AutoReplies,
                ChallengeResponses = c.ChallengeResponses,
                VirusNotices = c.VirusNotices,
                Total = c.Total,
                FirstSeen = c.FirstSeen,
                LastSeen = c.LastSeen,
                IsListed = listing is not null,
                ReturnCodes = listing?.ReturnCodes ?? [],
                ListedSince = listing?.ListedSince,
                ListedUntil = listing?.ExpiresAt,
            };
        });
        return new ReflectorPage([.. rows], total);
    }
}
