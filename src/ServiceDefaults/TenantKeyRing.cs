using System.Security.Cryptography.X509Certificates;

using Backscatter.Domain.Persistence;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// The tenants' Data Protection key ring (<see cref="BackscatterDbContext.DataProtectionKeys"/>), which the
/// portal and the Ingest share, as a provider of its own beside the host's default one. The Ingest's login
/// reads these keys, so nothing else may be protected with them: the portal's cookies, antiforgery and
/// Identity tokens use its own ring (docs/adr/0034).
/// </summary>
public sealed class TenantKeyRing : IDisposable
{
    /// <summary>
    /// Every stored secret is protected under this name since the first one: another name, and none of
    /// them could be read again.
    /// </summary>
    public const string ApplicationName = "Backscatter.Cloud";

    // Data Protection keeps one key ring per container, and the host's is the default provider's.
    private readonly ServiceProvider _ring;

    /// <param name="certificates">The key-encryption certificates, current first (<see cref="KeyRingEncryption.LoadCertificates"/>); none for keys stored as they are.</param>
    public TenantKeyRing(IServiceProvider hostServices, ILoggerFactory loggers, IReadOnlyList<X509Certificate2> certificates)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .AddKeyManagementOptions(o => o.XmlRepository = new EntityFrameworkCoreXmlRepository<BackscatterDbContext>(hostServices, loggers))
            .ProtectKeysAtRest(certificates);
        _ring = services.BuildServiceProvider();
        Provider = _ring.GetRequiredService<IDataProtectionProvider>();
    }

    public IDataProtectionProvider Provider { get; }

    public void Dispose() => _ring.Dispose();
}
