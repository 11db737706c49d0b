using Backscatter.Domain.Alerts;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Alerts;

/// <summary>
/// A second listener on loopback, not in the allowed endpoints, is the trap: whatever reaches it
/// would be an internal service reached through an alert.
/// </summary>
public sealed class Refusing_private_destinations(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>, IAsyncLifetime
{
    private WebhookStandIn _trap = null!;

    public async Task InitializeAsync() => _trap = await WebhookStandIn.StartAsync();

    public async Task DisposeAsync() => await _trap.DisposeAsync();

    [Theory]
    [InlineData("http://10.0.0.1/hooks")]
    [InlineData("https://10.0.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://localhost:{trap}/ok/name")]
    [InlineData("http://127.0.0.1:{trap}/ok/literal")]
    [InlineData("http://[::ffff:127.0.0.1]:{trap}/ok/mapped")]
    [InlineData("http://0.0.0.0:{trap}/ok/unspecified")]
    [InlineData("http://192.168.1.1/")]
    public async Task Should_refuse_a_destination_that_resolves_inside(string url)
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Webhook, url.Replace("{trap}", _trap.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await alerts.DispatchOpenedAsync(incident);

        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
        // One attempt, refused before a socket opened, and not retried.
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.ResponseCode);
        Assert.Contains("private, loopback, link-local or reserved address", delivery.Error, StringComparison.Ordinal);
        Assert.Empty(_trap.Requests);
    }

    [Fact]
    public async Task Should_not_follow_a_redirect_to_a_private_address()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var inside = Uri.EscapeDataString(_trap.Url("/ok/after-redirect"));
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url($"/redirect/inside?to={inside}"));

        await alerts.DispatchOpenedAsync(incident);

        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(302, delivery.ResponseCode);
        Assert.Single(alerts.StandIn.RequestsTo("/redirect/inside"));
        Assert.Empty(_trap.Requests);
    }

    [Fact]
    public async Task Should_keep_the_url_and_the_signing_key_encrypted_at_rest()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var url = alerts.StandIn.Url("/ok/T0000/B0000/XXXXsecretXXXX");
        var (channel, key) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Webhook, url);

        await using var db = alerts.CreateContext();
        var row = await db.Database.SqlQuery<string>($"SELECT row_to_json(c)::text AS \"Value\" FROM alert_channels c WHERE id = {channel.Id}").SingleAsync();
        Assert.DoesNotContain("XXXXsecretXXXX", row, StringComparison.Ordinal);
        Assert.DoesNotContain(key!, row, StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:{alerts.StandIn.EndPoint.Port}", channel.Destination);
        Assert.StartsWith(WebhookSignature.KeyPrefix, key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("https://user:password@hooks.example.com/x")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Should_refuse_to_store_a_url_that_is_not_a_plain_web_address(string url)
    {
        var incident = await alerts.NewTenantWithIncidentAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, url));
    }
}
