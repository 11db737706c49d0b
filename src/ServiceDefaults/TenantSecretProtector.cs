using Microsoft.AspNetCore.DataProtection;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Encrypts tenants' secrets (BATV keys, webhook URLs and signing keys) for storage. The key ring
/// lives in PostgreSQL and is shared by the portal and the Ingest, so whichever of them stored a
/// secret, the other can read it back; it is the tenants' ring, never the host's default one.
/// </summary>
public sealed class TenantSecretProtector(TenantKeyRing ring)
{
    private readonly IDataProtector _protector = ring.Provider.CreateProtector("Backscatter.TenantSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
