using System.Text.Json;

using Backscatter.Domain.Alerts;

namespace Backscatter.Ingest.Tests.Alerts;

public sealed class Posting_to_Slack(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>
{
    private static readonly string[] BlockTypes = ["header", "section", "actions", "context", "divider"];

    [Fact]
    public async Task Should_post_text_and_blocks_in_the_incoming_webhook_format()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, signingKey) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/slack-format"));

        await alerts.DispatchOpenedAsync(incident);

        Assert.Null(signingKey);
        var request = Assert.Single(alerts.StandIn.RequestsTo("/ok/slack-format"));
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["blocks", "text"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("Backscatter incident opened at Acme &lt;Corp&gt; &amp; Sons", root.GetProperty("text").GetString(), StringComparison.Ordinal);

        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.All(blocks, b => Assert.Contains(b.GetProperty("type").GetString(), BlockTypes));
        var header = blocks.Single(b => b.GetProperty("type").GetString() == "header").GetProperty("text");
        Assert.Equal("plain_text", header.GetProperty("type").GetString());
        Assert.InRange(header.GetProperty("text").GetString()!.Length, 1, 150);
        foreach (var section in blocks.Where(b => b.GetProperty("type").GetString() == "section"))
        {
            Assert.Equal("mrkdwn", section.GetProperty("text").GetProperty("type").GetString());
            Assert.InRange(section.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 3000);
            if (section.TryGetProperty("fields", out var fields))
            {
                Assert.InRange(fields.GetArrayLength(), 1, 10);
                Assert.All(fields.EnumerateArray(), f => Assert.InRange(f.GetProperty("text").GetString()!.Length, 1, 2000));
            }
        }

        var counts = string.Join('\n', blocks.SelectMany(b => b.TryGetProperty("fields", out var f) ? f.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(f => f.GetProperty("text").GetString()));
        Assert.Contains("*Reports*\n321", counts, StringComparison.Ordinal);
        Assert.Contains("*Last window*\n80", counts, StringComparison.Ordinal);
        Assert.Contains("*Threshold*\n50", counts, StringComparison.Ordinal);

        var button = blocks.Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("plain_text", button.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal($"https://portal.backscatter.test/incidents/{incident.Id}", button.GetProperty("url").GetString());

        // Spammers write the subjects: they must not make mentions or links in the tenant's Slack.
        var texts = string.Join('\n', blocks.Where(b => b.GetProperty("type").GetString() == "section").Select(b => b.GetProperty("text").GetProperty("text").GetString()));
        Assert.DoesNotContain("<@channel>", texts, StringComparison.Ordinal);
        Assert.Contains("invoice # &lt;@channel&gt; due", texts, StringComparison.Ordinal);

        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal(AlertDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(200, delivery.ResponseCode);
        Assert.Equal(AlertEvent.IncidentOpened, delivery.Event);
        Assert.Equal(incident.Id, delivery.IncidentId);
    }

    [Fact]
    public async Task Should_never_write_the_secret_url_to_the_logs()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/fail-twice/T0SECRET/B0SECRET/LOGGEDNOWHERE"));

        await alerts.DispatchOpenedAsync(incident);

        Assert.Equal(3, alerts.StandIn.RequestsTo("/fail-twice/T0SECRET/B0SECRET/LOGGEDNOWHERE").Count);
        Assert.NotEmpty(alerts.Logs.Lines);
        Assert.DoesNotContain(alerts.Logs.Lines, l => l.Contains("LOGGEDNOWHERE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_send_only_the_events_a_channel_wants()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/wants-opened"));
        await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/wants-resolved-only"), c => c.OnOpened = false);

        await alerts.DispatchOpenedAsync(incident);

        Assert.Single(alerts.StandIn.RequestsTo("/ok/wants-opened"));
        Assert.Empty(alerts.StandIn.RequestsTo("/ok/wants-resolved-only"));
    }

    [Fact]
    public async Task Should_send_a_test_alert_on_request_and_log_it()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/test-button"));

        var delivery = await alerts.Dispatcher.SendTestAsync(incident.TenantId, channel.Id, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(AlertDeliveryStatus.Delivered, delivery!.Status);
        Assert.Equal(AlertEvent.Test, delivery.Event);
        using var json = JsonDocument.Parse(Assert.Single(alerts.StandIn.RequestsTo("/ok/test-button")).Body);
        Assert.StartsWith("Test alert", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_not_send_a_test_to_another_tenants_channel()
    {
        var mine = await alerts.NewTenantWithIncidentAsync();
        var theirs = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(theirs.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/other-tenant"));

        var delivery = await alerts.Dispatcher.SendTestAsync(mine.TenantId, channel.Id, Guid.NewGuid(), CancellationToken.None);

        Assert.Null(delivery);
        Assert.Empty(alerts.StandIn.RequestsTo("/ok/other-tenant"));
    }

    [Fact]
    public async Task Should_not_send_twice_when_the_same_event_is_delivered_again()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/ok/redelivered"));
        var messageId = Guid.NewGuid();

        await alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None);
        await alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None);

        Assert.Single(alerts.StandIn.RequestsTo("/ok/redelivered"));
    }
}
