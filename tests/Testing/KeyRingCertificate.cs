using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backscatter.Testing;

/// <summary>A self-signed RSA certificate in a PKCS#12 file, as a deployment gives the hosts to encrypt their key rings.</summary>
public sealed class KeyRingCertificate : IDisposable
{
    public const string Password = "key ring test";

    private readonly string _folder = Directory.CreateTempSubdirectory("key-ring-").FullName;

    public KeyRingCertificate(string subject = "CN=Backscatter.Cloud key ring (test)")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Path = System.IO.Path.Combine(_folder, "key-ring.pfx");
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pkcs12, Password));
    }

    public string Path { get; }

    /// <summary>The configuration that points a host at this certificate.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("DataProtection:Certificate", Path),
        new("DataProtection:CertificatePassword", Password),
    ];

    /// <summary>Every stored key of a ring is XML-encrypted: no master key in the clear.</summary>
    public static void AssertEncrypted(IReadOnlyCollection<string> storedKeys)
    {
        Xunit.Assert.NotEmpty(storedKeys);
        Xunit.Assert.All(storedKeys, xml =>
        {
            Xunit.Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            Xunit.Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
