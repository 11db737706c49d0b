using System.Security.Claims;

using Backscatter.Domain.Alerts;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Tenancy;

using MassTransit;

using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Alerts;

/// <summary>
/// The signed-in tenant's alert channels. Reads go through the tenant filter; every change is
/// checked against <see cref="PortalPolicies.ChangeSettings"/> here, whatever the page rendered,
/// and written with its audit entry in one SaveChanges. Secrets go in, never out: a signing key
/// leaves only in the <see cref="ChannelChange"/> that made it.
/// </summary>
public sealed class AlertChannels(
    TenantDatabase tenantDatabase,
    AlertChannelRegistration registration,
    IAuthorizationService authorization,
    IBus bus,
    TimeProvider clock)
{
    public const int DeliveriesPerPage = 20;

    public async Task<IReadOnlyList<AlertChannelRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = tenantDatabase.Open(user);
        return await Rows(db, db.AlertChannels.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id)).ToListAsync(ct);
    }

    public async Task<AlertChannelRow?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        await using var db = tenantDatabase.Open(user);
        return await Rows(db, db.AlertChannels.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct);
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user) => authorization.MayChangeSettingsAsync(user);

    public async Task<ChannelChange> AddAsync(ClaimsPrincipal user, ChannelDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!await CanChangeAsync(user))
        {
            return ChannelChange.Forbidden;
        }

        if ((AlertChannelRegistration.NameProblem(draft.Name) ?? registration.UrlProblem(draft.Url)) is { } problem)
        {
            return new ChannelChange(ChangeStatus.Invalid, problem);
        }

        var actor = Actor.Of(user);
        var (channel, key) = registration.Create(actor.TenantId, draft.Name, draft.Kind, draft.Url);
        channel.OnOpened = draft.Events.OnOpened;
        channel.OnEscalated = draft.Events.OnEscalated;
        channel.OnResolved = draft.Events.OnResolved;
        await using var db = tenantDatabase.Open(user);
        db.AlertChannels.Add(channel);
        db.AuditEntries.Add(actor.Did("alerts.channel.added",
            $"Added {KindName(channel.Kind)} channel {channel.Name} ({channel.Destination}) for {draft.Events.Describe()}.", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new ChannelChange(ChangeStatus.Done, ChannelId: channel.Id, SigningKey: key);
    }

    public Task<ChannelChange> UpdateAsync(ClaimsPrincipal user, Guid id, ChannelSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ChangeAsync(user, id, ct, channel =>
        {
            if (AlertChannelRegistration.NameProblem(settings.Name) is { } problem)
            {
                return (null, problem);
            }

            var before = channel.Name;
            channel.Name = settings.Name.Trim();
            channel.OnOpened = settings.Events.OnOpened;
            channel.OnEscalated = settings.Events.OnEscalated;
            channel.OnResolved = settings.Events.OnResolved;
            channel.IsEnabled = settings.IsEnabled;
            var renamed = before == channel.Name ? "" : $" (was {before})";
            return (("alerts.channel.changed",
                $"Changed channel {channel.Name}{renamed}: {settings.Events.Describe()}, {(settings.IsEnabled ? "enabled" : "disabled")}."), null);
        });
    }

    public Task<ChannelChange> ReplaceUrlAsync(ClaimsPrincipal user, Guid id, string url, CancellationToken ct = default) =>
        ChangeAsync(user, id, ct, channel =>
        {
            if (registration.UrlProblem(url) is { } problem)
            {
                return (null, problem);
            }

            registration.ReplaceUrl(channel, url);
            return (("alerts.channel.url-replaced", $"Replaced the URL of channel {channel.Name} (now {channel.Destination})."), null);
        });

    public async Task<ChannelChange> RotateSigningKeyAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        string? key = null;
        var change = await ChangeAsync(user, id, ct, channel =>
        {
            if (channel.Kind != AlertChannelKind.Webhook)
            {
                return (null, "Only generic webhooks have a signing key.");
            }

            key = registration.RotateSigningKey(channel);
            return (("alerts.channel.key-rotated", $"Rotated the signing key of channel {channel.Name}."), null);
        });
        return change.Succeeded ? change with { SigningKey = key } : change;
    }

    public Task<ChannelChange> DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default) =>
        ChangeAsync(user, id, ct, (channel, db) =>
        {
            // Its delivery log goes with it (cascade).
            db.AlertChannels.Remove(channel);
            return (("alerts.channel.deleted", $"Deleted {KindName(channel.Kind)} channel {channel.Name} ({channel.Destination})."), null);
        });

    /// <summary>Asks Ingest to send a test alert; the delivery log records it under the returned message id.</summary>
    public async Task<(ChannelChange Change, Guid MessageId)> SendTestAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        if (!await CanChangeAsync(user))
        {
            return (ChannelChange.Forbidden, Guid.Empty);
        }

        await using var db = tenantDatabase.Open(user);
        if (!await db.AlertChannels.AnyAsync(c => c.Id == id, ct))
        {
            return (ChannelChange.NotFound, Guid.Empty);
        }

        var messageId = NewId.NextGuid();
        await bus.Publish(new SendTestAlert(TenantClaims.TenantIdOf(user), id), c => c.MessageId = messageId, ct);
        return (new ChannelChange(ChangeStatus.Done, ChannelId: id), messageId);
    }

    /// <summary>The delivery of a test once it has finished; null while it is pending or before it is logged.</summary>
    public async Task<AlertDelivery?> TestOutcomeAsync(ClaimsPrincipal user, Guid channelId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = tenantDatabase.Open(user);
        return await db.AlertDeliveries.AsNoTracking()
            .FirstOrDefaultAsync(d => d.ChannelId == channelId && d.MessageId == messageId && d.Status != AlertDeliveryStatus.Pending, ct);
    }

    /// <summary>A page (from 1) of the channel's delivery log, newest first; null for no such channel.</summary>
    public async Task<DeliveryLogPage?> DeliveriesAsync(ClaimsPrincipal user, Guid channelId, int page, CancellationToken ct = default)
    {
        await using var db = tenantDatabase.Open(user);
        if (!await db.AlertChannels.AnyAsync(c => c.Id == channelId, ct))
        {
            return null;
        }

        var deliveries = db.AlertDeliveries.AsNoTracking().Where(d => d.ChannelId == channelId);
        var total = await deliveries.CountAsync(ct);
        var pageCount = Math.Max(1, (total + DeliveriesPerPage - 1) / DeliveriesPerPage);
        var current = Math.Clamp(page, 1, pageCount);
        var rows = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((current - 1) * DeliveriesPerPage).Take(DeliveriesPerPage)
            .ToListAsync(ct);
        return new DeliveryLogPage(rows, current, DeliveriesPerPage, total);
    }

    public static string KindName(AlertChannelKind kind) => kind == AlertChannelKind.Slack ? "Slack" : "webhook";

    /// <summary>Loads the tenant's channel, applies the change and writes it with its audit entry.</summary>
    private Task<ChannelChange> ChangeAsync(
        ClaimsPrincipal user, Guid id, CancellationToken ct, Func<AlertChannel, ((string Action, string Summary)? Audit, string? Problem)> change) =>
        ChangeAsync(user, id, ct, (channel, _) => change(channel));

    private async Task<ChannelChange> ChangeAsync(
        ClaimsPrincipal user, Guid id, CancellationToken ct,
        Func<AlertChannel, BackscatterDbContext, ((string Action, string Summary)? Audit, string? Problem)> change)
    {
        if (!await CanChangeAsync(user))
        {
            return ChannelChange.Forbidden;
        }

        await using var db = tenantDatabase.Open(user);
        var channel = await db.AlertChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return ChannelChange.NotFound;
        }

        var (audit, problem) = change(channel, db);
        if (audit is not { } entry)
        {
            return new ChannelChange(ChangeStatus.Invalid, problem);
        }

        db.AuditEntries.Add(Actor.Of(user).Did(entry.Action, entry.Summary, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new ChannelChange(ChangeStatus.Done, ChannelId: id);
    }

    private static IQueryable<AlertChannelRow> Rows(BackscatterDbContext db, IQueryable<AlertChannel> channels) =>
        channels.Select(c => new AlertChannelRow(
            c.Id,
            c.Name,
            c.Kind,
            c.Destination,
            new ChannelEvents(c.OnOpened, c.OnEscalated, c.OnResolved),
            c.IsEnabled,
            c.CreatedAt,
            db.AlertDeliveries.Where(d => d.ChannelId == c.Id).OrderByDescending(d => d.CreatedAt).Select(d => (AlertDeliveryStatus?)d.Status).FirstOrDefault(),
            db.AlertDeliveries.Where(d => d.ChannelId == c.Id).Max(d => (DateTimeOffset?)d.CreatedAt)));
}
