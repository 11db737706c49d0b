extern alias ingest;

using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Feed.Dns;
using Backscatter.Testing;

using ingest::Backscatter.Ingest.Smtp;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Feed.Tests.EndToEnd;

/// <summary>
/// One Ingest host and two Feed nodes on a fresh database and the local RabbitMQ, with two tenants: mail
/// sent over SMTP goes through classification and the listing policy into the DNS answers of both nodes.
/// Listings live <see cref="ListingLifetime"/> here, and the nodes reconcile from PostgreSQL only hourly,
/// so what the tests see travelled as ListingChanged events.
/// </summary>
/// <remarks>
/// Test queues are exclusive (<c>RabbitMq:TemporaryEndpoints</c>), so each host has its own prefix and
/// both nodes evaluate each report; the advisory lock lets only the first record and announce a change,
/// and the other node learns it from the event alone.
/// </remarks>
public sealed class RunningPipeline : IAsyncLifetime
{
    public static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(20);

    public const string OperatorApiKey = "operator-key-for-the-end-to-end-tests-0123456789";

    private WebApplicationFactory<ingest::Program>? _ingest;
    private readonly List<WebApplicationFactory<Program>> _feeds = [];

    /// <summary>Ingest and the feed nodes publish to each other; other tests' hosts do not see their events.</summary>
    private readonly string _busScope = LocalServices.NewBusScope();

    public TestDatabase Database { get; } = new MigratedTestDatabase();

    public string[] TenantAddresses { get; } = ["acme-e2e@in.backscatter.test", "globex-e2e@in.backscatter.test"];

    public IPEndPoint Smtp { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The DNS port of each feed node.</summary>
    public List<int> DnsPorts { get; } = [];

    public HttpClient CreateFeedClient() => _feeds[0].CreateClient();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var db = Database.CreateContext())
        {
            foreach (var address in TenantAddresses)
            {
                var tenant = new Tenant { Name = address.Split('@')[0] };
                tenant.IngestAddresses.Add(new IngestAddress { Address = address });
                db.Tenants.Add(tenant);
                ExampleTenant.AddMailConfiguration(db, tenant.Id);
            }

            await db.SaveChangesAsync();
        }

        // The feed nodes first, so that their queues are bound before the first report is classified.
        for (var node = 0; node < 2; node++)
        {
            var feed = Start<Program>(HostLogin.Feed, new Dictionary<string, string>
            {
                ["DnsFeed:Port"] = "0",
                ["DnsFeed:ReconcileInterval"] = "01:00:00",
                ["DnsFeed:ExpiryInterval"] = "00:00:01",
                ["DnsFeed:OperatorApiKey"] = OperatorApiKey,
                ["ListingPolicy:ListingLifetime"] = ListingLifetime.ToString(),
            });
            _feeds.Add(feed);
            DnsPorts.Add(feed.Services.GetRequiredService<DnsFeedService>().Server!.Port);
            await WaitUntilReadyAsync(feed);
        }

        _ingest = Start<ingest::Program>(HostLogin.Ingest, new Dictionary<string, string>
        {
            ["Smtp:Port"] = "0",
            ["Ingest:CreateDemoTenant"] = "false",
        });
        var bound = await _ingest.Services.GetRequiredService<SmtpListener>().Bound.WaitAsync(TimeSpan.FromSeconds(30));
        Smtp = new IPEndPoint(IPAddress.Loopback, bound.Port);
        await WaitUntilReadyAsync(_ingest);
    }

    public async Task DisposeAsync()
    {
        if (_ingest is not null)
        {
            await _ingest.DisposeAsync();
        }

        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    private WebApplicationFactory<T> Start<T>(HostLogin login, Dictionary<string, string> hostSettings)
        where T : class
    {
        var settings = new Dictionary<string, string>(LocalServices.Settings(Database.ConnectionString, _busScope, login));
        foreach (var (key, value) in hostSettings)
        {
            settings[key] = value;
        }

        var host = new WebApplicationFactory<T>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        _ = host.Services;
        return host;
    }

    private static async Task WaitUntilReadyAsync<T>(WebApplicationFactory<T> host)
        where T : class
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The host is not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }
}
