using System.Security.Cryptography;

using Backscatter.Domain.Persistence;
using Backscatter.Testing;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults.Tests.Security;

/// <summary>
/// With a certificate configured, the tenants' key ring is stored encrypted: the database alone (a dump, or
/// the Ingest's login) no longer opens tenants' secrets; every host with the certificate still does
/// (docs/adr/0036). A database of its own: keys written here are unreadable without the certificate.
/// </summary>
public sealed class Keeping_the_tenants_key_ring_encrypted_at_rest(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>, IDisposable
{
    private readonly KeyRingCertificate _certificate = new();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public async Task Stores_its_keys_encrypted_so_that_only_hosts_with_the_certificate_read_a_secret()
    {
        const string secret = "https://hooks.slack.com/services/T0/B0/encrypted-at-rest";
        using var portal = TenantSecretHost.Build(database.ConnectionString, _certificate.Settings);
        var stored = portal.Services.GetRequiredService<TenantSecretProtector>().Protect(secret);
        using var ingest = TenantSecretHost.Build(database.ConnectionString, _certificate.Settings);

        Assert.Equal(secret, ingest.Services.GetRequiredService<TenantSecretProtector>().Unprotect(stored));
        await using var db = database.CreateContext();
        KeyRingCertificate.AssertEncrypted(await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        // The same ring read with the Ingest's login and the ring's name, as a dump or a compromised Ingest would.
        var services = new ServiceCollection();
        services.AddDbContext<BackscatterDbContext>(o => o.UseBackscatterDatabase(HostLogin.Ingest.ConnectionString(database.ConnectionString)));
        services.AddDataProtection().SetApplicationName(TenantKeyRing.ApplicationName).DisableAutomaticKeyGeneration().PersistKeysToDbContext<BackscatterDbContext>();
        await using var withoutCertificate = services.BuildServiceProvider();
        Assert.Throws<CryptographicException>(() =>
            withoutCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("Backscatter.TenantSecrets.v1").Unprotect(stored));
    }

    [Fact]
    public void Refuses_to_start_with_a_certificate_file_that_is_not_there()
    {
        var missing = new Dictionary<string, string?> { ["DataProtection:Certificate"] = _certificate.Path + ".missing" };

        var error = Assert.Throws<InvalidOperationException>(() => TenantSecretHost.Build(database.ConnectionString, missing));

        Assert.Contains("DataProtection:Certificate: no certificate file", error.Message, StringComparison.Ordinal);
    }
}
