using System.Security.Claims;

using Backscatter.Testing;
using Backscatter.Web.Setup;
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

    /// <summary>Adds the name as the member's ingest domain, publishes its record and verifies it with "Check now".</summary>
    protected async Task<IngestDomainEntry> AddVerifiedAsync(ClaimsPrincipal member, string name)
    {
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(member, name)).Outcome);
        var entry = await Desk.EntryAsync(member, name);
        Dns.Txt(entry.RecordName, entry.RecordValue);
        Assert.Equal(SetupOutcome.Changed, (await Desk.VerifyAsync(member, entry.Id)).Outcome);
        return entry;
    }

    public async Task DisposeAsync() => await Dns.DisposeAsync();
}
