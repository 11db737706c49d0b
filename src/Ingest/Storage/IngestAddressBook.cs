using System.Collections.Concurrent;

using Backscatter.Domain.Persistence;
using Backscatter.Ingest.Smtp;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Ingest addresses and ingest domains from PostgreSQL: an address listed itself belongs to its
/// tenant; any other address at a tenant's verified ingest domain (direct-MX mode) to that tenant,
/// never at a pending one (anyone may claim a name; only its owner proves it). Cached: a known address for a minute, an unknown one for ten
/// seconds (a new tenant's address works almost at once; a flood of made-up recipients does not
/// reach the database for every RCPT). A released domain (<see cref="Forget"/>) is forgotten at once;
/// the expiry is the backstop for an instance that missed the event.
/// </summary>
public sealed class IngestAddressBook(IDbContextFactory<BackscatterDbContext> databases, TimeProvider clock) : IIngestAddressBook
{
    private const int MaxCached = 100_000;
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (Guid? Tenant, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    // Counts releases: a look-up that read the database before a release and would cache after it
    // (the old owner) does not cache. Read only on a miss, so a cached RCPT costs what it did.
    private long _releases;

    public async ValueTask<Guid?> FindTenantAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = address.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Tenant;
        }

        var releases = Interlocked.Read(ref _releases);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var tenant = await db.IngestAddresses.AsNoTracking()
            .Where(a => a.Address == key)
            .Select(a => (Guid?)a.TenantId)
            .FirstOrDefaultAsync(cancellationToken);
        var at = key.LastIndexOf('@');
        if (tenant is null && at > 0 && at < key.Length - 1)
        {
            var domain = key[(at + 1)..].TrimEnd('.');
            tenant = await db.IngestDomains.AsNoTracking()
                .Where(d => d.Name == domain && d.VerifiedAt != null)
                .Select(d => (Guid?)d.TenantId)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (_cache.Count > MaxCached)
        {
            _cache.Clear();
        }

        if (Interlocked.Read(ref _releases) == releases)
        {
            _cache[key] = (tenant, now + (tenant is null ? UnknownFor : KnownFor));
        }

        return tenant;
    }

    public void Forget(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = domain.Trim().TrimEnd('.').ToLowerInvariant();
        Interlocked.Increment(ref _releases);
        // A walk over the cache per release (rare) instead of an index kept up on every look-up;
        // enumerating takes no lock (Keys would lock out every writer while it copies).
        foreach (var (key, _) in _cache)
        {
            var at = key.LastIndexOf('@');
            if (at >= 0 && key.AsSpan(at + 1).TrimEnd('.').SequenceEqual(name))
            {
                _cache.TryRemove(key, out _);
            }
        }
    }
}
