using Backscatter.Domain.Alerts;

namespace Backscatter.Ingest.Tests.Alerts;

public sealed class Retrying_a_failing_destination(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>
{
    [Fact]
    public async Task Should_deliver_once_when_the_destination_fails_twice_then_succeeds()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/fail-twice/a"));

        await alerts.DispatchOpenedAsync(incident);

        // Two 503s, then the 200: the alert arrived once, and the log says so.
        Assert.Equal(3, alerts.StandIn.RequestsTo("/fail-twice/a").Count);
        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal(AlertDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(200, delivery.ResponseCode);
        Assert.Null(delivery.Error);
        Assert.NotNull(delivery.CompletedAt);
    }

    [Fact]
    public async Task Should_log_a_destination_that_never_answers_as_failed_without_holding_up_the_others()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (silent, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/hang/b"));
        var (healthy, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Webhook, alerts.StandIn.Url("/ok/b"));

        await alerts.DispatchOpenedAsync(incident);

        var failed = await alerts.DeliveryToAsync(silent.Id);
        Assert.Equal(AlertDeliveryStatus.Failed, failed.Status);
        Assert.InRange(failed.Attempts, 1, 5);
        Assert.Null(failed.ResponseCode);
        Assert.StartsWith("Gave up after", failed.Error, StringComparison.Ordinal);

        var delivered = await alerts.DeliveryToAsync(healthy.Id);
        Assert.Equal(AlertDeliveryStatus.Delivered, delivered.Status);
        Assert.True(delivered.CompletedAt < failed.CompletedAt, "the healthy channel waited for the silent one");
        Assert.Single(alerts.StandIn.RequestsTo("/ok/b"));
    }

    [Fact]
    public async Task Should_log_an_error_answer_with_its_status_code()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/redirect/c?to=https%3A%2F%2Fexample.com%2F"));

        await alerts.DispatchOpenedAsync(incident);

        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(302, delivery.ResponseCode);
        Assert.Equal(1, delivery.Attempts);
        Assert.Contains("redirects are not followed", delivery.Error, StringComparison.Ordinal);
    }
}
