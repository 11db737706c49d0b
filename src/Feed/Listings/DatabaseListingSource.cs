using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Feed.Listings;

/// <summary>
/// The listing as PostgreSQL has it: the hourly reflector sightings of the last window and
/// lifetime, run through the listing policy. One query per reconciliation, never per lookup.
/// </summary>
public sealed class DatabaseListingSource(
    IDbContextFactory<BackscatterDbContext> databases,
    ListingPolicy policy,
    ListingPolicyOptions options,
    TimeProvider clock) : IListingSource
{
    public async Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A listing made at the start of the window lives ListingLifetime after its last impact.
        var since = now - options.Window - options.ListingLifetime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var sightings = await db.ReflectorSightings.AsNoTracking()
            .Where(s => s.LastSeen >= since)
            .Select(s => new { s.Ip, s.TenantId, s.Kind, s.LastSeen, s.Count })
            .ToListAsync(cancellationToken);

        var builder = new ListingSnapshotBuilder();
        foreach (var reflector in sightings.GroupBy(s => s.Ip))
        {
            var evidence = new ReflectorEvidence(
                reflector.Key,
                [.. reflector.Select(s => new BackscatterSighting(s.TenantId, s.Kind, s.LastSeen, s.Count))]);
            var decision = policy.Evaluate(evidence, now);
            if (decision.IsListed)
            {
                builder.Add(decision);
            }
        }

        return builder.Build((uint)now.ToUnixTimeSeconds());
    }
}
