using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Incidents;

/// <summary>The Ingest host with a Slack and webhook stand-in, started first and allowed as an alert destination.</summary>
public class IngestWithAWebhookStandIn : RunningIngest, IAsyncLifetime
{
    public WebhookStandIn StandIn { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Alerts:PortalUrl"] = "http://127.0.0.1:5080/",
        ["Alerts:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{StandIn.EndPoint.Port}",
    };

    public new async Task InitializeAsync()
    {
        StandIn = await WebhookStandIn.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
