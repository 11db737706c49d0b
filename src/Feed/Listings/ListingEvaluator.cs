using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Runs the listing policy for one reflector against its counts in PostgreSQL and stores the outcome:
/// the listing row, and a history entry when the feed's answer changes. Evaluations of one address are
/// serialized by an advisory lock, so concurrent consumers and several feed nodes agree on one history.
/// </summary>
public sealed class ListingEvaluator(
    IDbContextFactory<BackscatterDbContext> databases,
    ListingPolicy policy,
    ListingPolicyOptions options,
    TimeProvider clock)
{
    private const int ExpiryBatch = 500;

    /// <returns>The change to announce, or null when the feed's answer for the address stays the same.</returns>
    public Task<ListingChanged?> EvaluateAsync(IPAddress reflector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reflector);
        var ip = Normalize(reflector);
        return InLockAsync(ip, async (db, listing, now) =>
        {
            var since = now - options.Window - options.ListingLifetime;
            var sightings = await db.ReflectorSightings.AsNoTracking()
                .Where(s => s.Ip == ip && s.LastSeen >= since)
                .Select(s => new BackscatterSighting(s.TenantId, s.Kind, s.LastSeen, s.Count))
                .ToListAsync(cancellationToken);
            var decision = policy.Evaluate(new ReflectorEvidence(ip, sightings, listing?.DelistedAt), now);
            if (listing is null)
            {
                if (!decision.IsListed)
                {
                    return (null, null);
                }

                listing = new ListingRecord { Ip = ip };
                db.Listings.Add(listing);
            }

            return (listing, listing.Apply(decision, now));
        }, ListingHistoryEntry.PolicyActor, cancellationToken);
    }

    /// <summary>An operator takes a listed address out of the feed, with a reason that goes into the history.</summary>
    /// <returns>The change to announce, or null when the address was not listed.</returns>
    public Task<ListingChanged?> DelistAsync(IPAddress reflector, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reflector);
        var ip = Normalize(reflector);
        return InLockAsync(
            ip,
            (_, listing, now) => Task.FromResult((listing, listing?.Delist(reason, now))),
            actor,
            cancellationToken);
    }

    /// <summary>
    /// Re-evaluates the listings that are due to expire, and those that the operator's allowlist now
    /// covers, so that they leave the feed (and the history says so) even when no backscatter arrives.
    /// </summary>
    public async Task<IReadOnlyList<ListingChanged>> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<IPAddress> due;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Listings.AsNoTracking()
                .Where(l => l.IsListed && l.ExpiresAt <= now)
                .OrderBy(l => l.ExpiresAt)
                .Select(l => l.Ip)
                .Take(ExpiryBatch)
                .ToListAsync(cancellationToken);
        }

        return await EvaluateAllAsync(due, cancellationToken);
    }

    /// <summary>Takes listed addresses out that may no longer be listed (the allowlist changed with the configuration).</summary>
    public async Task<IReadOnlyList<ListingChanged>> WithdrawUnlistableAsync(CancellationToken cancellationToken)
    {
        List<IPAddress> listed;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            listed = await db.Listings.AsNoTracking().Where(l => l.IsListed).Select(l => l.Ip).ToListAsync(cancellationToken);
        }

        return await EvaluateAllAsync([.. listed.Where(ip => !policy.MayList(ip))], cancellationToken);
    }

    private async Task<IReadOnlyList<ListingChanged>> EvaluateAllAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var changes = new List<ListingChanged>();
        foreach (var ip in addresses)
        {
            if (await EvaluateAsync(ip, cancellationToken) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private async Task<ListingChanged?> InLockAsync(
        IPAddress ip,
        Func<BackscatterDbContext, ListingRecord?, DateTimeOffset, Task<(ListingRecord? Listing, ListingChange? Change)>> decide,
        string actor,
        CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // The retrying strategy replays the whole transaction; the tracked state starts afresh each time.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var key = ip.ToString();
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
            var now = clock.GetUtcNow();
            var existing = await db.Listings.SingleOrDefaultAsync(l => l.Ip == ip, cancellationToken);
            var (listing, change) = await decide(db, existing, now);
            if (listing is null)
            {
                return null;
            }

            if (change is { } happened)
            {
                db.ListingHistory.Add(ListingHistoryEntry.Of(listing, happened, actor, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return change is { } changed ? ToEvent(listing, changed, now) : null;
        });
    }

    private static ListingChanged ToEvent(ListingRecord listing, ListingChange change, DateTimeOffset now) => new(
        listing.Ip,
        change.ToString(),
        listing.IsListed,
        listing.ReturnCodes,
        listing.MessageCount,
        listing.TenantCount,
        listing.LastSeen,
        listing.ListedSince,
        listing.ExpiresAt,
        now);

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
