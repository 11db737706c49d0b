using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Tests.Persistence;

public sealed class StoringTenantMailSettings(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private readonly MigratedTestDatabase _database = database;

    [Fact]
    public async Task Gives_back_a_configuration_the_verdict_rules_can_use()
    {
        var tenant = new Tenant { Name = "Example" };
        tenant.Domains.Add(new TenantDomain { Name = "tenant.example" });
        await using (var db = _database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.TenantMailSettings.Add(new TenantMailSettings
            {
                TenantId = tenant.Id,
                OutboundRelays = ["smtp.tenant.example", "*.out.tenant.example", "192.0.2.0/24", "2001:db8:25::/48"],
                TrustedInboundHosts = ["mx1.tenant.example", "198.51.100.25"],
                AuthorisedSendingIps = ["203.0.113.0/24"],
                SenderPatterns = ["*@tenant.example"],
            });
            await db.SaveChangesAsync();
        }

        await using var reader = _database.CreateContext();
        var settings = await reader.TenantMailSettings.SingleAsync(s => s.TenantId == tenant.Id);
        var domains = await reader.TenantDomains.Where(d => d.TenantId == tenant.Id).Select(d => d.Name).ToListAsync();
        var configuration = settings.ToConfiguration(domains, []);

        Assert.True(configuration.OutboundRelayNames.Matches("SMTP.tenant.example."));
        Assert.True(configuration.OutboundRelayNames.Matches("eu1.out.tenant.example"));
        Assert.True(configuration.OutboundRelayNetworks.Contains(IPAddress.Parse("192.0.2.200")));
        Assert.True(configuration.OutboundRelayNetworks.Contains(IPAddress.Parse("2001:db8:25::9")));
        Assert.True(configuration.TrustedInboundNetworks.Contains(IPAddress.Parse("198.51.100.25")));
        Assert.True(configuration.TrustedInboundNames.Matches("mx1.tenant.example"));
        Assert.True(configuration.AuthorisedSendingNetworks.Contains(IPAddress.Parse("203.0.113.9")));
        Assert.True(configuration.OwnsDomainOf("ops@tenant.example"));
    }

    [Fact]
    public async Task Allows_only_one_active_batv_key_per_tenant()
    {
        var tenant = new Tenant { Name = "Example" };
        await using var db = _database.CreateContext();
        db.Tenants.Add(tenant);
        db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = tenant.Id, Number = 0, ProtectedSecret = "x", IsActive = true });
        db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = tenant.Id, Number = 1, ProtectedSecret = "y", IsActive = true });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Refuses_a_key_number_that_is_not_one_digit()
    {
        var tenant = new Tenant { Name = "Example" };
        await using var db = _database.CreateContext();
        db.Tenants.Add(tenant);
        db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = tenant.Id, Number = BatvKey.MaxNumber + 1, ProtectedSecret = "x" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
