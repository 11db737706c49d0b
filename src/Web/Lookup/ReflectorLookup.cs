using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reflectors;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Lookup;

/// <summary>
/// Reads what the public lookup page shows about one address. Only reflector-wide rows are read
/// (listings, their history, the reflector record, sightings summed over all tenants); no tenant
/// column ever leaves the query.
/// </summary>
public sealed class ReflectorLookup(ReadReplica databases, TimeProvider clock)
{
    private const int HistoryShown = 20;

    /// <summary>
    /// Accepts only a plain IPv4 dotted quad or an IPv6 address (no scope, no short forms like "1.2"
    /// that <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> would also take).
    /// </summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Length > 45 || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        var plain = parsed.AddressFamily == AddressFamily.InterNetworkV6
            ? text.Contains(':', StringComparison.Ordinal)
            : text.Count(c => c == '.') == 3 && !text.Contains(':', StringComparison.Ordinal);
        if (!plain)
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    public async Task<ReflectorLookupResult> FindAsync(IPAddress ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var now = clock.GetUtcNow();
        // A public page anyone can load during an attack: from the replica, off the primary.
        await using var db = databases.Open();
        var listing = await db.Listings.AsNoTracking()
            .Where(l => l.Ip == ip)
            .Select(l => new { l.IsListed, l.ReturnCodes, l.ListedSince, l.ExpiresAt, l.MessageCount, l.TenantCount, l.LastSeen })
            .FirstOrDefaultAsync(cancellationToken);
        var reflector = await db.Reflectors.AsNoTracking()
            .Where(r => r.Ip == ip)
            .Select(r => new { r.Host, r.MtaSoftware, r.BackscatterCount, r.FirstSeen, r.LastSeen })
            .FirstOrDefaultAsync(cancellationToken);
        var kinds = await db.ReflectorSightings.AsNoTracking()
            .Where(s => s.Ip == ip)
            .GroupBy(s => s.Kind)
            .Select(g => new KindSeen(g.Key, g.Sum(s => (long)s.Count), g.Max(s => s.LastSeen)))
            .ToListAsync(cancellationToken);
        var history = await db.ListingHistory.AsNoTracking()
            .Where(h => h.Ip == ip)
            .OrderByDescending(h => h.At)
            .Take(HistoryShown)
            .Select(h => new ListingEvent(h.Change, h.At, h.MessageCount, h.TenantCount))
            .ToListAsync(cancellationToken);

        // The feed stops answering at the expiry even before the sweep records it; so does this page.
        var listed = listing is { IsListed: true } && listing.ExpiresAt > now;
        return new ReflectorLookupResult(
            ip,
            ListingPolicy.IsListable(ip),
            listed,
            listed ? listing!.ReturnCodes : [],
            listing?.ListedSince,
            listing?.ExpiresAt,
            listing?.MessageCount ?? 0,
            listing?.TenantCount ?? 0,
            reflector?.LastSeen ?? listing?.LastSeen,
            reflector?.Host,
            reflector?.MtaSoftware,
            reflector?.BackscatterCount ?? 0,
            reflector?.FirstSeen,
            [.. kinds.OrderByDescending(k => k.Messages)],
            history,
            Remedies.For(reflector?.MtaSoftware, kinds.Select(k => k.Kind)));
    }
}
