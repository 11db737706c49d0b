using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// The Data Protection key rings encrypted at rest with an X.509 certificate (docs/adr/0036): whoever reads
/// the key tables (a database dump, a backup, a host's login) then holds only encrypted keys, and the
/// tenants' secrets and the portal's cookies stay closed to them.
/// </summary>
public static class KeyRingEncryption
{
    /// <summary>A PKCS#12 file with the certificate and its private key; every host of a deployment needs the same one.</summary>
    public const string CertificateKey = "DataProtection:Certificate";

    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>
    /// Certificates that encrypted keys before the current one (PKCS#12 files, with the same password),
    /// separated by semicolons: their keys stay readable after a rotation.
    /// </summary>
    public const string PreviousCertificatesKey = "DataProtection:PreviousCertificates";

    /// <summary>
    /// The configured certificates, the current one first; none when no certificate is configured. Loaded
    /// while the host is built, so that a missing file or a certificate without its private key stops the
    /// host at start, not at the first secret it reads.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> LoadCertificates(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[CertificateKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        return [.. (configuration[PreviousCertificatesKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Prepend(path)
            .Select(file => Load(file, configuration[CertificatePasswordKey]))];
    }

    /// <summary>
    /// Encrypts new keys with the first of <paramref name="certificates"/> and reads keys encrypted with any
    /// of them. Keys stored before stay readable. Without certificates the keys are stored as they are, and
    /// Data Protection warns at start ("No XML encryptor configured").
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IReadOnlyList<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(certificates);
        return certificates.Count == 0
            ? builder
            : builder.ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate([.. certificates]);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificateKey}: no certificate file at {path}.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate at {path} has no private key: it could encrypt keys but never read them back.");
    }
}
