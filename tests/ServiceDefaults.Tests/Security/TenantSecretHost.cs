using Backscatter.Testing;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults.Tests.Security;

/// <summary>A host with the tenants' secrets as the portal and the Ingest register them, on a test database.</summary>
internal static class TenantSecretHost
{
    public static IHost Build(string connectionString, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(LocalServices.Settings(connectionString)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))
            .Concat(settings ?? []));
        builder.AddBackscatterDatabase();
        builder.AddTenantSecrets();
        return builder.Build();
    }
}
