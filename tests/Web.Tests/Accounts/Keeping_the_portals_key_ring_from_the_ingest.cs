using System.Security.Claims;
using System.Security.Cryptography;

using Backscatter.Domain.Persistence;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Tests.Accounts;

/// <summary>
/// The Ingest's login reads the tenants' key ring; whoever holds those keys (and knows the names, which
/// are no secret) must neither read nor forge what the portal protects with its own ring, and the
/// portal's ring must not open tenants' secrets (docs/adr/0034).
/// </summary>
public sealed class Keeping_the_portals_key_ring_from_the_ingest(TwoTenants portal) : IClassFixture<TwoTenants>
{
    private static readonly string[] CookiePurposes =
        ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"];

    [Fact]
    public void Should_not_let_the_tenants_key_ring_read_or_forge_a_sign_in_cookie()
    {
        // A key in the tenants' ring, as soon as the first channel or BATV key is stored.
        portal.Services.GetRequiredService<TenantSecretProtector>().Protect("whsec_first");
        var cookies = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], IdentityConstants.ApplicationScheme)),
            IdentityConstants.ApplicationScheme);
        var cookie = cookies.Protect(ticket);

        using var portalRing = ProviderOn(PortalName(), PortalRing);
        using var tenantsRing = ProviderOn(PortalName(), TenantsRingAsTheIngest);
        var withPortalKeys = new TicketDataFormat(portalRing.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurposes));
        var withTenantKeys = new TicketDataFormat(tenantsRing.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurposes));

        // Built this way from the portal's own ring it reads the cookie: only the keys differ below.
        Assert.NotNull(withPortalKeys.Unprotect(cookie));
        Assert.Null(withTenantKeys.Unprotect(cookie));
        Assert.Null(cookies.Unprotect(withTenantKeys.Protect(ticket)));
    }

    [Fact]
    public void Should_not_let_the_portals_key_ring_read_a_tenants_secret()
    {
        var secret = portal.Services.GetRequiredService<TenantSecretProtector>().Protect("https://hooks.slack.com/services/T0/B0/secret");

        // What every stored secret was protected under (TenantKeyRing, TenantSecretProtector).
        using var tenantsRing = ProviderOn("Backscatter.Cloud", TenantsRingAsTheIngest);
        using var portalRing = ProviderOn("Backscatter.Cloud", PortalRing);

        Assert.Equal("https://hooks.slack.com/services/T0/B0/secret",
            tenantsRing.GetRequiredService<IDataProtectionProvider>().CreateProtector("Backscatter.TenantSecrets.v1").Unprotect(secret));
        Assert.Throws<CryptographicException>(() =>
            portalRing.GetRequiredService<IDataProtectionProvider>().CreateProtector("Backscatter.TenantSecrets.v1").Unprotect(secret));
        Assert.Throws<CryptographicException>(() =>
            portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Backscatter.TenantSecrets.v1").Unprotect(secret));
    }

    private string PortalName() => portal.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator!;

    /// <summary>The ring the portal's own cookies, antiforgery and tokens are protected with.</summary>
    private void PortalRing(IServiceCollection services, IDataProtectionBuilder dataProtection)
    {
        var ring = portal.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository
            ?? throw new InvalidOperationException("The portal keeps no key ring.");
        dataProtection.AddKeyManagementOptions(o => o.XmlRepository = ring);
    }

    /// <summary>The tenants' ring, read with the Ingest's login as a compromised Ingest would.</summary>
    private void TenantsRingAsTheIngest(IServiceCollection services, IDataProtectionBuilder dataProtection)
    {
        services.AddDbContext<BackscatterDbContext>(o => o.UseBackscatterDatabase(HostLogin.Ingest.ConnectionString(portal.Database.ConnectionString)));
        dataProtection.PersistKeysToDbContext<BackscatterDbContext>();
    }

    // Data Protection on the keys of a ring under a name, as anyone holding the keys can build it; it adds no key.
    private static ServiceProvider ProviderOn(string applicationName, Action<IServiceCollection, IDataProtectionBuilder> ring)
    {
        var services = new ServiceCollection();
        ring(services, services.AddDataProtection().SetApplicationName(applicationName).DisableAutomaticKeyGeneration());
        return services.BuildServiceProvider();
    }
}
