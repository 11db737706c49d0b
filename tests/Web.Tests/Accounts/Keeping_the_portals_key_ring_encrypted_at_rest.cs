using System.Security.Cryptography;

using Backscatter.ServiceDefaults;
using Backscatter.Testing;
using Backscatter.Web.Accounts;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Tests.Accounts;

/// <summary>
/// With a certificate configured, the portal's key ring (sign-in cookies, antiforgery, Identity's tokens) is
/// stored encrypted too: a dump of the database alone forges no cookie (docs/adr/0036).
/// </summary>
public sealed class Keeping_the_portals_key_ring_encrypted_at_rest(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>, IDisposable
{
    private readonly KeyRingCertificate _certificate = new();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public async Task Stores_its_keys_encrypted_so_that_its_cookies_open_only_with_the_certificate()
    {
        using var portal = BuildPortal();
        var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("a sign-in cookie");
        var cookie = protector.Protect("member 42");

        await using var db = database.CreateContext();
        KeyRingCertificate.AssertEncrypted(await db.PortalDataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        // The same ring, name and purpose without the certificate: what a copy of the database gives.
        var ring = portal.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository!;
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(PortalKeyRing.ApplicationName).DisableAutomaticKeyGeneration()
            .AddKeyManagementOptions(o => o.XmlRepository = ring);
        await using var withoutCertificate = services.BuildServiceProvider();
        Assert.Equal("member 42", protector.Unprotect(cookie));
        Assert.Throws<CryptographicException>(() =>
            withoutCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("a sign-in cookie").Unprotect(cookie));
    }

    private IHost BuildPortal()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(LocalServices.Settings(database.ConnectionString)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))
            .Concat(_certificate.Settings));
        builder.AddBackscatterDatabase();
        builder.AddPortalKeyRing();
        return builder.Build();
    }
}
