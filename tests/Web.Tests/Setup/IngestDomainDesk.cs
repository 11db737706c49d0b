using System.Security.Claims;

using Backscatter.Testing;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// The Setup page's ingest-domain handlers as the portal builds them, except that the TXT look-ups
/// go to a <see cref="DnsStandIn"/> on loopback: the real DnsClient look-up, real DNS packets.
/// </summary>
public sealed class IngestDomainDesk(TwoTenants tenants, DnsStandIn dns)
{
    // One look-up for the desk's life, as the portal has one for its own: a cache in it would show.
    private readonly DnsTxtLookup _lookup = new(Options.Create(OptionsFor(dns)));

    public static DirectMxOptions OptionsFor(DnsStandIn dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var options = new DirectMxOptions { LookupTimeout = TimeSpan.FromSeconds(1) };
        options.NameServers.Add(dns.Address);
        return options;
    }

    /// <param name="use">What to do with the handlers.</param>
    /// <param name="releases">Where releases are announced instead of the portal's bus (a test harness).</param>
    public async Task<T> UseAsync<T>(Func<TenantIngestDomains, Task<T>> use, IngestDomainReleases? releases = null)
    {
        ArgumentNullException.ThrowIfNull(use);
        await using var scope = tenants.Services.CreateAsyncScope();
        var domains = releases is null
            ? ActivatorUtilities.CreateInstance<TenantIngestDomains>(scope.ServiceProvider, _lookup)
            : ActivatorUtilities.CreateInstance<TenantIngestDomains>(scope.ServiceProvider, _lookup, releases);
        return await use(domains);
    }

    public Task<SetupResult> AddAsync(ClaimsPrincipal user, string name) => UseAsync(d => d.AddAsync(user, name));

    public Task<SetupResult> VerifyAsync(ClaimsPrincipal user, Guid id) => UseAsync(d => d.VerifyAsync(user, id));

    public Task<SetupResult> RemoveAsync(ClaimsPrincipal user, Guid id) => UseAsync(d => d.RemoveAsync(user, id));

    public Task<IReadOnlyList<IngestDomainEntry>> ReadAsync(ClaimsPrincipal user) => UseAsync(d => d.ReadAsync(user));

    /// <summary>The member's entry for a name, as the page lists it.</summary>
    public async Task<IngestDomainEntry> EntryAsync(ClaimsPrincipal user, string name) => (await ReadAsync(user)).Single(d => d.Name == name);
}
