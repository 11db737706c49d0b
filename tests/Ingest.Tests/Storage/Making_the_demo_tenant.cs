using Backscatter.Domain.Persistence;
using Backscatter.Ingest.Storage;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>
/// Development's demo tenant is made as the schema owner: the Ingest's own login reads tenants and
/// their ingest addresses but may not make them (docs/adr/0031).
/// </summary>
public sealed class Making_the_demo_tenant(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    [Fact]
    public async Task Should_make_it_through_the_migrations_connection_while_the_ingest_runs_as_its_own_login()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseOptions.MigrationsConnectionStringName}"] = database.ConnectionString,
        }).Build();
        var ingestLogin = (DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>()
            .UseBackscatterDatabase(database.ConnectionStringFor(HostLogin.Ingest)).Options;
        using var demo = new DemoTenant(new PooledDbContextFactory<BackscatterDbContext>(ingestLogin), configuration, TimeProvider.System, NullLogger<DemoTenant>.Instance);

        await demo.StartAsync(CancellationToken.None);
        await demo.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = database.CreateContext(HostLogin.Ingest);
        var address = await db.IngestAddresses.AsNoTracking().SingleAsync(a => a.Address == DemoTenant.DefaultAddress);
        Assert.Equal("Demo", await db.Tenants.Where(t => t.Id == address.TenantId).Select(t => t.Name).SingleAsync());
    }
}
