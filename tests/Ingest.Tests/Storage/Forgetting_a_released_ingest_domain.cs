using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Storage;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>
/// The address book forgets the cached addresses at a released ingest domain, and only those: the
/// rows below are deleted behind its back, so what it still answers comes from its cache.
/// </summary>
public sealed class Forgetting_a_released_ingest_domain(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    [Fact]
    public async Task Should_ask_the_database_again_for_the_released_domain_and_keep_the_other_domains_cached()
    {
        var released = $"released-{Guid.NewGuid():N}.example";
        var kept = $"kept-{Guid.NewGuid():N}.example";
        var tenant = new Tenant { Name = "Direct MX" };
        tenant.IngestDomains.Add(new IngestDomain { Name = released, VerifiedAt = DateTimeOffset.UtcNow });
        tenant.IngestDomains.Add(new IngestDomain { Name = kept, VerifiedAt = DateTimeOffset.UtcNow });
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        var book = new IngestAddressBook(new PooledDbContextFactory<BackscatterDbContext>(Options()), TimeProvider.System);
        var before = (
            await book.FindTenantAsync($"postmaster@{released}", CancellationToken.None),
            await book.FindTenantAsync($"Bounces@{released.ToUpperInvariant()}.", CancellationToken.None),
            await book.FindTenantAsync($"postmaster@{kept}", CancellationToken.None));
        await using (var db = database.CreateContext())
        {
            await db.IngestDomains.Where(d => d.TenantId == tenant.Id).ExecuteDeleteAsync();
        }

        book.Forget($" {released.ToUpperInvariant()}. ");

        Assert.Equal((tenant.Id, tenant.Id, tenant.Id), before);
        Assert.Null(await book.FindTenantAsync($"postmaster@{released}", CancellationToken.None));
        Assert.Null(await book.FindTenantAsync($"Bounces@{released.ToUpperInvariant()}.", CancellationToken.None));
        Assert.Equal(tenant.Id, await book.FindTenantAsync($"postmaster@{kept}", CancellationToken.None));
    }

    private DbContextOptions<BackscatterDbContext> Options() =>
        (DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>().UseBackscatterDatabase(database.ConnectionStringFor(HostLogin.Ingest)).Options;
}
