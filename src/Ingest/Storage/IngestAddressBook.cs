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
/// reach the database for every RCPT).
/// </summary>
public sealed class IngestAddressBook(IDbContextFactory<BackscatterDbContext> databases, TimeProvider clock) : IIngestAddressBook
{
    private const int MaxCached = 100_000;
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (Guid? Tenant, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<Guid?> FindTenantAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = address.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Tenant;
        }

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

        _cache[key] = (tenant, now + (tenant is null ? UnknownFor : KnownFor));
        return tenant;
    }
}
