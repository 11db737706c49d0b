using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Backscatter.Domain.Tests.Persistence;

/// <summary>
/// The migration that adds ownership to ingest domains, applied to a database that has some:
/// the domains added before it keep routing mail (verified, each with a token of its own).
/// </summary>
public sealed class Migrating_ingest_domains_to_proven_ownership : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Should_mark_the_existing_ingest_domains_verified()
    {
        await using var db = _database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var ownership = migrations.FindIndex(m => m.EndsWith("_IngestDomainOwnership", StringComparison.Ordinal));
        Assert.True(ownership > 0, "The IngestDomainOwnership migration is missing; if migrations were regenerated, keep its UPDATE of the existing rows.");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[ownership - 1]);
        var tenant = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync($"INSERT INTO tenants (id, name, created_at) VALUES ({tenant}, 'Before', now())");
        await db.Database.ExecuteSqlAsync($"INSERT INTO ingest_domains (id, tenant_id, name, created_at) VALUES ({Guid.NewGuid()}, {tenant}, 'one.before.example', now()), ({Guid.NewGuid()}, {tenant}, 'two.before.example', now())");

        await migrator.MigrateAsync();

        var domains = await db.IngestDomains.AsNoTracking().OrderBy(d => d.Name).ToListAsync();
        Assert.Equal(["one.before.example", "two.before.example"], domains.Select(d => d.Name));
        Assert.All(domains, d => Assert.NotNull(d.VerifiedAt));
        Assert.All(domains, d => Assert.True(d.VerificationToken.Length >= 32));
        Assert.NotEqual(domains[0].VerificationToken, domains[1].VerificationToken);
    }
}
