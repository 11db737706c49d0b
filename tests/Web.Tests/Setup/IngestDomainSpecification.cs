using Backscatter.Testing;
using Backscatter.Web.Tests.Isolation;

namespace Backscatter.Web.Tests.Setup;

/// <summary>What every ingest-domain specification has: the two tenants, a DNS server of its own and the desk that asks it.</summary>
public abstract class IngestDomainSpecification(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    private IngestDomainDesk? _desk;

    protected TwoTenants Tenants { get; } = tenants;

    protected DnsStandIn Dns { get; } = new();

    protected IngestDomainDesk Desk => _desk ??= new(Tenants, Dns);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Dns.DisposeAsync();
}
