using Backscatter.Domain.Persistence;
using Backscatter.Testing;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults.Tests.Security;

public sealed class ProtectingTenantSecrets(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private readonly MigratedTestDatabase _database = database;

    [Fact]
    public async Task Lets_another_host_read_a_secret_through_the_key_ring_in_the_database()
    {
        const string secret = "0123456789abcdef0123456789abcdef";
        using var first = TenantSecretHost.Build(_database.ConnectionString);
        var stored = first.Services.GetRequiredService<TenantSecretProtector>().Protect(secret);

        using var second = TenantSecretHost.Build(_database.ConnectionString);
        var read = second.Services.GetRequiredService<TenantSecretProtector>().Unprotect(stored);

        Assert.Equal(secret, read);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task Reads_a_secret_stored_while_the_tenants_key_ring_was_the_hosts_default_one()
    {
        // How the portal and the Ingest protected tenants' secrets before the portal had a ring of its own (docs/adr/0034).
        const string secret = "whsec_stored_before_the_portal_had_its_own_ring";
        var services = new ServiceCollection();
        services.AddDbContext<BackscatterDbContext>(o => o.UseBackscatterDatabase(HostLogin.Web.ConnectionString(_database.ConnectionString)));
        services.AddDataProtection()
            .SetApplicationName("Backscatter.Cloud")
            .PersistKeysToDbContext<BackscatterDbContext>();
        string stored;
        await using (var before = services.BuildServiceProvider())
        {
            stored = before.GetRequiredService<IDataProtectionProvider>().CreateProtector("Backscatter.TenantSecrets.v1").Protect(secret);
        }

        using var host = TenantSecretHost.Build(_database.ConnectionString);

        Assert.Equal(secret, host.Services.GetRequiredService<TenantSecretProtector>().Unprotect(stored));
    }
}
