using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Alerts;

/// <summary>
/// Sends an incident event to every channel of its tenant that wants it, all at once (a destination
/// that never answers holds up only its own delivery), and writes each delivery to the log.
/// Idempotent per bus message: a redelivered event resends only what never finished.
/// </summary>
public sealed class AlertDispatcher(
    IDbContextFactory<BackscatterDbContext> databases,
    AlertSender sender,
    IOptions<AlertDeliveryOptions> options,
    IOptions<IncidentOptions> incidentOptions,
    TimeProvider clock)
{
    private const int CampaignsInAlert = 5;

    // A send ends within TotalTimeout; the margin covers writing its outcome on a slow database.
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(500);

    public async Task DispatchAsync(AlertEvent alert, Guid tenantId, Guid incidentId, int windowCount, Guid messageId, CancellationToken cancellationToken)
    {
        List<AlertChannel> channels;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            channels = [.. (await db.AlertChannels.AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(cancellationToken)).Where(c => c.Wants(alert))];
        }

        if (channels.Count == 0)
        {
            return;
        }

        var content = await ContentAsync(alert, tenantId, incidentId, windowCount, cancellationToken);
        if (content is null)
        {
            return;
        }

        await Task.WhenAll(channels.Select(c => DeliverAsync(c, content, messageId, cancellationToken)));
    }

    /// <summary>Sends a test alert to one channel of the tenant; null when the tenant has no such channel.</summary>
    public async Task<AlertDelivery?> SendTestAsync(Guid tenantId, Guid channelId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var channel = await db.AlertChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId && c.TenantId == tenantId, cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (channel is null || tenant is null)
        {
            return null;
        }

        var content = new AlertContent
        {
            Event = AlertEvent.Test,
            DeliveryId = Guid.Empty,
            TenantId = tenantId,
            TenantName = tenant,
            CreatedAt = clock.GetUtcNow(),
        };
        return await DeliverAsync(channel, content, messageId, cancellationToken);
    }

    private async Task<AlertContent?> ContentAsync(AlertEvent alert, Guid tenantId, Guid incidentId, int windowCount, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId && i.TenantId == tenantId, cancellationToken);
        if (tenant is null || incident is null)
        {
            return null;
        }

        // Someone is on it: an escalation is news again only when the wave grew well beyond what they saw.
        if (alert == AlertEvent.IncidentEscalated && !incident.AlertsOnEscalationTo(incident.Severity))
        {
            return null;
        }

        var campaigns = await db.IncidentCampaigns.AsNoTracking()
            .Where(c => c.IncidentId == incidentId)
            .OrderByDescending(c => c.Count).ThenBy(c => c.FirstSeen)
            .Take(CampaignsInAlert)
            .Select(c => new AlertCampaign(c.Subject, c.SenderPattern, c.Count))
            .ToListAsync(cancellationToken);
        return new AlertContent
        {
            Event = alert,
            DeliveryId = Guid.Empty,
            TenantId = tenantId,
            TenantName = tenant,
            CreatedAt = clock.GetUtcNow(),
            IncidentId = incidentId,
            IncidentUrl = options.Value.IncidentUrl(incidentId),
            Severity = incident.Severity,
            ReportCount = incident.ReportCount,
            WindowCount = windowCount,
            PeakWindowCount = incident.PeakWindowCount,
            Threshold = incident.Threshold,
            Window = incidentOptions.Value.Window,
            OpenedAt = incident.OpenedAt,
            ResolvedAt = incident.ResolvedAt,
            Campaigns = campaigns,
        };
    }

    private async Task<AlertDelivery?> DeliverAsync(AlertChannel channel, AlertContent content, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var delivery = new AlertDelivery
        {
            TenantId = channel.TenantId,
            ChannelId = channel.Id,
            IncidentId = content.IncidentId,
            Event = content.Event,
            MessageId = messageId,
            CreatedAt = now,
        };
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO alert_deliveries (id, tenant_id, channel_id, incident_id, event, message_id, status, attempts, created_at, claimed_at)
            VALUES ({delivery.Id}, {delivery.TenantId}, {delivery.ChannelId}, {delivery.IncidentId}, {delivery.Event.ToString()}, {messageId}, {nameof(AlertDeliveryStatus.Pending)}, 0, {now}, {now})
            ON CONFLICT (channel_id, message_id) DO NOTHING
            """,
            cancellationToken);
        if (inserted == 0)
        {
            // Another copy of the event: it is sent, or being sent, or was left half-way by a host that stopped.
            var claimed = await ClaimLeftOverAsync(db, channel.Id, messageId, cancellationToken);
            if (claimed.Status != AlertDeliveryStatus.Pending)
            {
                return claimed;
            }

            delivery = claimed;
        }

        db.AlertDeliveries.Attach(delivery);
        var outcome = await sender.SendAsync(channel, content with { DeliveryId = delivery.Id }, cancellationToken);
        delivery.Status = outcome.Status;
        delivery.Attempts = outcome.Attempts;
        delivery.ResponseCode = outcome.ResponseCode;
        delivery.Error = outcome.Error;
        delivery.CompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery;
    }

    /// <summary>
    /// The delivery as another copy of its event left it: finished, or pending and now claimed by this
    /// copy. While the claim of the copy that is sending it is younger than a whole send
    /// (<see cref="AlertDeliveryOptions.TotalTimeout"/> and a margin), this waits for it to finish rather
    /// than send the alert twice; an older claim is taken over, by one copy only (compare and set).
    /// </summary>
    private async Task<AlertDelivery> ClaimLeftOverAsync(BackscatterDbContext db, Guid channelId, Guid messageId, CancellationToken cancellationToken)
    {
        var lease = options.Value.TotalTimeout + ClaimMargin;
        while (true)
        {
            var delivery = await db.AlertDeliveries.AsNoTracking().SingleAsync(d => d.ChannelId == channelId && d.MessageId == messageId, cancellationToken);
            if (delivery.Status != AlertDeliveryStatus.Pending)
            {
                return delivery;
            }

            var now = clock.GetUtcNow();
            if (delivery.ClaimedAt is { } claimedAt && now < claimedAt + lease)
            {
                await Task.Delay(Min(ClaimPoll, claimedAt + lease - now), clock, cancellationToken);
                continue;
            }

            var taken = await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE alert_deliveries SET claimed_at = {now}
                WHERE id = {delivery.Id} AND status = {nameof(AlertDeliveryStatus.Pending)} AND claimed_at IS NOT DISTINCT FROM {delivery.ClaimedAt}
                """,
                cancellationToken);
            if (taken == 1)
            {
                delivery.ClaimedAt = now;
                return delivery;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
