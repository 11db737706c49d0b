using System.Text;
using System.Text.Json;

using Backscatter.Domain.Alerts;
using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Alerts;

public sealed class Signing_generic_webhooks(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private async Task<(RecordedRequest Request, string Key, Domain.Incidents.Incident Incident)> DeliverAsync(string path)
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (_, key) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Webhook, alerts.StandIn.Url(path));
        await alerts.DispatchOpenedAsync(incident);
        return (Assert.Single(alerts.StandIn.RequestsTo(path)), key!, incident);
    }

    [Fact]
    public async Task Should_sign_timestamp_and_body_so_that_the_receiver_can_verify_them()
    {
        var (request, key, incident) = await DeliverAsync("/ok/signed");

        var header = request.Headers[WebhookSignature.HeaderName];
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify(key, header, request.Body, DateTimeOffset.UtcNow, Tolerance));
        Assert.Equal("incident.opened", request.Headers["X-Backscatter-Event"]);

        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("incident.opened", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(request.Headers["X-Backscatter-Delivery"], json.RootElement.GetProperty("id").GetString());
        var body = json.RootElement.GetProperty("incident");
        Assert.Equal(incident.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(321, body.GetProperty("reportCount").GetInt32());
        Assert.Equal(80, body.GetProperty("windowCount").GetInt32());
        Assert.Equal("invoice # <@channel> due", body.GetProperty("campaigns")[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Should_verify_the_way_the_README_shows()
    {
        // The README's receiver, step by step: split the header, recompute over "<t>.<body>", compare in constant time.
        var (request, key, _) = await DeliverAsync("/ok/readme");
        var parts = request.Headers[WebhookSignature.HeaderName].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(request.Body).ToArray();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed);

        Assert.Equal(parts["v1"], Convert.ToHexStringLower(mac));
    }

    [Fact]
    public async Task Should_not_verify_a_changed_body_an_old_timestamp_or_another_key()
    {
        var (request, key, _) = await DeliverAsync("/ok/tampered");
        var header = request.Headers[WebhookSignature.HeaderName];
        var changed = request.Body.ToArray();
        changed[^2] ^= 1;

        Assert.False(WebhookSignature.Verify(key, header, changed, DateTimeOffset.UtcNow, Tolerance));
        Assert.False(WebhookSignature.Verify(key, header, request.Body, DateTimeOffset.UtcNow.AddMinutes(6), Tolerance));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewKey(), header, request.Body, DateTimeOffset.UtcNow, Tolerance));
        Assert.False(WebhookSignature.Verify(key, header.Replace("v1=", "v0=", StringComparison.Ordinal), request.Body, DateTimeOffset.UtcNow, Tolerance));
    }
}
