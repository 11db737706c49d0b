using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Hosting;

public sealed class IngestHostReadiness : HostReadinessSpecification<Program>
{
    protected override HostLogin Login => HostLogin.Ingest;

    // The SMTP listener takes any free port so that tests do not collide with a running ./run.sh.
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Smtp:Port"] = "0",
    };

    [Fact]
    public async Task Keeps_the_tenants_key_ring_to_their_secrets_and_has_no_other()
    {
        await using var host = await StartReadyHostAsync();

        // A default provider on the tenants' ring would protect whatever the host asks of it with keys the
        // portal shares; on any other ring it would be one the portal cannot read (docs/adr/0034).
        Assert.NotNull(host.Services.GetService<TenantSecretProtector>());
        Assert.Null(host.Services.GetService<IDataProtectionProvider>());
    }
}
