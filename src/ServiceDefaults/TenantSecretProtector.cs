using Microsoft.AspNetCore.DataProtection;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Encrypts tenants' secrets (BATV keys, webhook URLs and signing keys) for storage. The key ring
/// lives in PostgreSQL and is shared by all hosts, so whichever host stored a secret, every host
/// can read it back.
/// </summary>
public sealed class TenantSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Backscatter.TenantSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
