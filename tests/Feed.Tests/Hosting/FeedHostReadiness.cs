using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backscatter.Feed.Tests.Hosting;

public sealed class FeedHostReadiness : HostReadinessSpecification<Program>
{
    protected override HostLogin Login => HostLogin.Feed;

    // The DNS listener takes any free port so that tests do not collide with a running ./run.sh.
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["DnsFeed:Port"] = "0",
    };

    [Fact]
    public async Task Leaves_the_tenants_key_ring_alone_which_its_login_may_not_read()
    {
        await using var host = await StartReadyHostAsync();

        var repository = host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;

        Assert.Null(host.Services.GetService<TenantSecretProtector>());
        Assert.False(repository is not null && repository.GetType().IsGenericType
            && repository.GetType().GetGenericTypeDefinition() == typeof(EntityFrameworkCoreXmlRepository<>));
    }
}
