using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Smtp;
using Backscatter.Testing;

using MassTransit;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host on a fresh database with one tenant, its SMTP listener on a free loopback port.</summary>
public class RunningIngest : IAsyncLifetime
{
    public const string TenantAddress = "acme-7f3k@in.backscatter.test";

    private WebApplicationFactory<Program>? _host;

    public TestDatabase Database { get; } = new MigratedTestDatabase();

    public Guid TenantId { get; } = Guid.CreateVersion7();

    public IPEndPoint Smtp { get; private set; } = new(IPAddress.Loopback, 0);

    public IServiceProvider Services => _host!.Services;

    /// <summary>The prefix of this host's queue names (see <see cref="LocalServices.Settings"/>).</summary>
    public string EndpointPrefix { get; private set; } = "";

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:MaxMessageSize"] = "1048576",
    };

    /// <summary>Connection string the host uses; a test can point it somewhere unreachable.</summary>
    protected virtual string HostConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var db = Database.CreateContext())
        {
            var tenant = new Tenant { Id = TenantId, Name = "Acme" };
            tenant.IngestAddresses.Add(new IngestAddress { Address = TenantAddress });
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        var settings = new Dictionary<string, string>(LocalServices.Settings(HostConnectionString, login: HostLogin.Ingest))
        {
            ["Smtp:Port"] = "0",
            ["Ingest:CreateDemoTenant"] = "false",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        EndpointPrefix = settings["RabbitMq:EndpointPrefix"];

        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            ConfigureHost(b);
        });
        _ = _host.Services;
        var bound = await _host.Services.GetRequiredService<SmtpListener>().Bound.WaitAsync(TimeSpan.FromSeconds(30));
        Smtp = new IPEndPoint(IPAddress.Loopback, bound.Port);

        // The host's start does not wait for the bus: until its queues are declared and bound, what the
        // host publishes (an outbox row swept at once, say) is routed nowhere. The CI run of 2026-11-27
        // lost a test's incident event that way, on a loaded machine.
        using var busReady = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, busReady.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await AfterHostStoppedAsync();
        await Database.DisposeAsync();
    }

    /// <summary>More for the host than settings (e.g. a logger provider).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    /// <summary>Cleanup that must wait until the host is gone (e.g. deleting durable queues).</summary>
    protected virtual Task AfterHostStoppedAsync() => Task.CompletedTask;
}
