using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host with a certificate configured for STARTTLS: a self-signed one made for this run.</summary>
public sealed class IngestWithTls : RunningIngest
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"ingest-tls-{Guid.NewGuid():N}.pfx");
    private readonly string _password = Guid.NewGuid().ToString("N");

    public IngestWithTls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=in.backscatter.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("in.backscatter.test");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, _password));
        Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>SHA-256 thumbprint of the certificate the server must present.</summary>
    public string Thumbprint { get; }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:CertificatePath"] = _pfx,
        ["Smtp:CertificatePassword"] = _password,
    };

    protected override Task AfterHostStoppedAsync()
    {
        File.Delete(_pfx);
        return Task.CompletedTask;
    }
}
