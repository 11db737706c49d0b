using Backscatter.Domain.Alerts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Alerts;

/// <summary>
/// Copies of one bus message (a redelivery, or the outbox publishing a row twice) reach the alert
/// consumer; the channel gets the alert once, whether a copy comes while the first is still sending
/// or after the host sending it stopped half-way.
/// </summary>
public sealed class Sending_one_event_that_arrives_twice(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>
{
    [Fact]
    public async Task Should_send_once_when_a_copy_arrives_while_the_first_is_still_sending()
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url("/slow/concurrent"));
        var messageId = Guid.NewGuid();

        var first = alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None);
        // The second copy comes while the destination is still answering the first (it takes a second).
        await alerts.StandIn.WaitForAsync("/slow/concurrent", 1, TimeSpan.FromSeconds(30));
        var second = alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None);
        await Task.WhenAll(first, second);

        Assert.Single(alerts.StandIn.RequestsTo("/slow/concurrent"));
        var delivery = await alerts.DeliveryToAsync(channel.Id);
        Assert.Equal((AlertDeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts));
    }

    [Theory]
    [InlineData(-10, "a claim older than a whole send")]
    [InlineData(null, "never claimed (written before claims existed)")]
    public async Task Should_send_what_a_host_left_pending_once(int? claimedMinutesAgo, string because)
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        var path = $"/ok/left-pending-{claimedMinutesAgo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never"}";
        var (channel, _) = await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url(path));
        var messageId = Guid.NewGuid();
        await using (var db = alerts.CreateContext())
        {
            db.AlertDeliveries.Add(new AlertDelivery
            {
                TenantId = incident.TenantId,
                ChannelId = channel.Id,
                IncidentId = incident.Id,
                Event = AlertEvent.IncidentOpened,
                MessageId = messageId,
                CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-20),
                ClaimedAt = claimedMinutesAgo is { } minutes ? DateTimeOffset.UtcNow.AddMinutes(minutes) : null,
            });
            await db.SaveChangesAsync();
        }

        // Two copies at once: one takes the delivery over, the other waits for it.
        await Task.WhenAll(
            alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None),
            alerts.Dispatcher.DispatchAsync(AlertEvent.IncidentOpened, incident.TenantId, incident.Id, 80, messageId, CancellationToken.None));

        Assert.True(alerts.StandIn.RequestsTo(path).Count == 1, because);
        await using var check = alerts.CreateContext();
        var delivery = await check.AlertDeliveries.AsNoTracking().SingleAsync(d => d.ChannelId == channel.Id);
        Assert.Equal(AlertDeliveryStatus.Delivered, delivery.Status);
        Assert.NotNull(delivery.ClaimedAt);
    }
}
