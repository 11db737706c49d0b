using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Alerts;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backscatter.Ingest.Tests.Alerts;

/// <summary>
/// Alert delivery as Ingest wires it (the "alerts" HTTP client with its resilience handler and
/// destination guard, Data Protection with keys in PostgreSQL) on a fresh database, with a stand-in
/// for Slack on loopback. Timeouts are short so that giving up is quick.
/// </summary>
public sealed class AlertDeliveryServices : IAsyncLifetime
{
    private IHost? _host;

    public MigratedTestDatabase Database { get; } = new();

    public WebhookStandIn StandIn { get; private set; } = null!;

    public IServiceProvider Services => _host!.Services;

    /// <summary>Everything the host logged, down to Trace.</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    public AlertDispatcher Dispatcher => Services.GetRequiredService<AlertDispatcher>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        StandIn = await WebhookStandIn.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Backscatter"] = Database.ConnectionStringFor(HostLogin.Ingest),
            ["Database:MigrateAtStart"] = "false",
            ["Alerts:PortalUrl"] = "https://portal.backscatter.test/",
            // An attempt that answers must never time out on a loaded CI machine (a 200 retried
            // counts twice); the silent destination still gives up within seconds.
            ["Alerts:AttemptTimeout"] = "00:00:03",
            ["Alerts:TotalTimeout"] = "00:00:09",
            ["Alerts:RetryDelay"] = "00:00:00.050",
            ["Alerts:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{StandIn.EndPoint.Port}",
        });
        builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<IncidentOptions>();
        builder.AddBackscatterDatabase();
        builder.AddTenantSecrets();
        builder.AddAlertDelivery();
        _host = builder.Build();

    }

    /// <summary>A tenant of its own for one test, with an open incident of two campaigns.</summary>
    public async Task<Incident> NewTenantWithIncidentAsync()
    {
        var tenantId = Guid.CreateVersion7();
        await using var db = Database.CreateContext();
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "Acme <Corp> & Sons" });
        var incident = new Incident
        {
            TenantId = tenantId,
            OpenedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Threshold = 50,
            ReportCount = 321,
            PeakWindowCount = 120,
            LastReportAt = DateTimeOffset.UtcNow,
            LastAboveThresholdAt = DateTimeOffset.UtcNow,
        };
        incident.Campaigns.Add(new IncidentCampaign { Subject = "invoice # <@channel> due", SenderPattern = "*@acme.example", Count = 300 });
        incident.Campaigns.Add(new IncidentCampaign { Subject = "cheap pills", SenderPattern = "john.smith@acme.example", Count = 21 });
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    public async Task<(AlertChannel Channel, string? SigningKey)> AddChannelAsync(Guid tenantId, AlertChannelKind kind, string url, Action<AlertChannel>? configure = null)
    {
        await using var owner = Database.CreateContext();
        var added = await Services.GetRequiredService<AlertChannelRegistration>().AddAsync(owner, tenantId, "Channel " + Guid.NewGuid().ToString("N")[..6], kind, url, CancellationToken.None);
        if (configure is not null)
        {
            configure(added.Channel);
            await owner.SaveChangesAsync();
        }

        return added;
    }

    /// <summary>Sends the incident's opening to the tenant's channels, as a new bus message would.</summary>
    public Task DispatchOpenedAsync(Incident incident) =>
        Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, Guid.NewGuid(), CancellationToken.None);

    public async Task<AlertDelivery> DeliveryToAsync(Guid channelId)
    {
        await using var db = Database.CreateContext();
        return db.AlertDeliveries.Where(d => d.ChannelId == channelId).OrderByDescending(d => d.CreatedAt).First();
    }

    public BackscatterDbContext CreateContext() => Database.CreateContext();

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        if (StandIn is not null)
        {
            await StandIn.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
