using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Feed.Listings;

/// <summary>
/// The listing as PostgreSQL has it: the listed rows that have not expired yet, without the addresses
/// the operator's allowlist covers. One query per reconciliation, never per lookup.
/// </summary>
public sealed class DatabaseListingSource(
    IDbContextFactory<BackscatterDbContext> databases,
    ListingPolicy policy,
    TimeProvider clock) : IListingSource
{
    public async Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var builder = new ListingSnapshotBuilder();
        // Expiry by time here too, so that a listing leaves the feed on time even before the sweep records it.
        await foreach (var listing in db.Listings.AsNoTracking()
            .Where(l => l.IsListed && l.ExpiresAt > now)
            .Select(l => new { l.Ip, l.ReturnCodes, l.MessageCount, l.TenantCount, l.LastSeen })
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            if (!policy.MayList(listing.Ip))
            {
                continue;
            }

            builder.Add(listing.Ip, ListingFacts.From(listing.ReturnCodes, listing.MessageCount, listing.TenantCount, listing.LastSeen));
        }

        return builder.Build((uint)now.ToUnixTimeSeconds());
    }
}
