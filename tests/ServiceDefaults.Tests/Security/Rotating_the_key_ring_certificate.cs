using System.Security.Cryptography;

using Backscatter.Testing;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults.Tests.Security;

/// <summary>A new certificate for the key rings keeps what the old one protected readable once the old one is named as previous.</summary>
public sealed class Rotating_the_key_ring_certificate(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>, IDisposable
{
    private readonly KeyRingCertificate _old = new("CN=old key ring");
    private readonly KeyRingCertificate _new = new("CN=new key ring");

    public void Dispose()
    {
        _old.Dispose();
        _new.Dispose();
    }

    [Fact]
    public void Reads_secrets_under_keys_of_the_previous_certificate_only_when_it_is_named()
    {
        const string secret = "whsec_protected_before_the_rotation";
        string stored;
        using (var before = TenantSecretHost.Build(database.ConnectionString, _old.Settings))
        {
            stored = before.Services.GetRequiredService<TenantSecretProtector>().Protect(secret);
        }

        using var newOnly = TenantSecretHost.Build(database.ConnectionString, _new.Settings);
        using var rotated = TenantSecretHost.Build(database.ConnectionString, _new.Settings.Append(new("DataProtection:PreviousCertificates", _old.Path)));

        Assert.Throws<CryptographicException>(() => newOnly.Services.GetRequiredService<TenantSecretProtector>().Unprotect(stored));
        Assert.Equal(secret, rotated.Services.GetRequiredService<TenantSecretProtector>().Unprotect(stored));
    }
}
