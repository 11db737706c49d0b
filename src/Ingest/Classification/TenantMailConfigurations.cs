using Backscatter.Domain.Persistence;
using Backscatter.Domain.Verdicts;
using Backscatter.ServiceDefaults;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Each tenant's mail configuration for the verdict rules, read from PostgreSQL with its BATV
/// secrets decrypted and its SPF networks resolved, cached briefly: during a wave thousands of
/// reports a second share one tenant's configuration.
/// </summary>
public sealed class TenantMailConfigurations(
    IDbContextFactory<BackscatterDbContext> databases,
    TenantSecretProtector secrets,
    SpfSendingNetworks spf,
    IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<TenantMailConfiguration> GetAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("tenant-mail-configuration", tenantId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await LoadAsync(tenantId, cancellationToken);
        }) ?? TenantMailConfiguration.Empty;

    private async Task<TenantMailConfiguration> LoadAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var domains = await db.TenantDomains.AsNoTracking().Where(d => d.TenantId == tenantId).Select(d => d.Name).ToListAsync(cancellationToken);
        var keys = await db.TenantBatvKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToListAsync(cancellationToken);
        var settings = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken)
            ?? new Domain.Tenancy.TenantMailSettings { TenantId = tenantId };
        var spfNetworks = new List<Domain.Net.IpNetwork>();
        if (settings.AuthoriseFromSpf)
        {
            foreach (var domain in domains)
            {
                spfNetworks.AddRange(await spf.ResolveAsync(domain, cancellationToken));
            }
        }

        return settings.ToConfiguration(domains, keys.Select(k => new BatvKey(k.Number, secrets.Unprotect(k.ProtectedSecret))), spfNetworks);
    }
}
