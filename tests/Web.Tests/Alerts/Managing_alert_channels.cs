using System.Net;

using Backscatter.Domain.Alerts;
using Backscatter.Web.Alerts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Alerts;

/// <summary>An owner adds, changes, tests and deletes alert channels through the portal; secrets go in and never come out.</summary>
public sealed class Managing_alert_channels(AlertingPortal portal) : IClassFixture<AlertingPortal>
{
    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromSeconds(30);

    private ChannelDraft Draft(AlertChannelKind kind, string name, string path) => new()
    {
        Kind = kind,
        Name = name,
        Url = portal.StandIn.Url(path),
        Events = new ChannelEvents(true, false, true),
    };

    [Fact]
    public async Task Should_add_a_webhook_and_give_its_signing_key_only_once()
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var secretPath = "/ok/hooks/" + Guid.NewGuid().ToString("N");

        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, Draft(AlertChannelKind.Webhook, "Pager bridge", secretPath)));

        Assert.True(added.Succeeded, added.Problem);
        Assert.StartsWith(WebhookSignature.KeyPrefix, added.SigningKey, StringComparison.Ordinal);
        var row = await portal.ChannelsAsync(c => c.FindAsync(owner, added.ChannelId!.Value));
        Assert.Equal($"http://127.0.0.1:{portal.StandIn.EndPoint.Port}", row!.Destination);
        Assert.Equal("opened, resolved", row.Events.Describe());

        using var client = await portal.LogInAsync(portal.Alpha.Email);
        var list = await client.GetStringAsync(new Uri("alerts", UriKind.Relative));
        var detail = await client.GetStringAsync(new Uri($"alerts/{added.ChannelId}", UriKind.Relative));
        Assert.Contains("Pager bridge", list, StringComparison.Ordinal);
        foreach (var page in new[] { list, detail })
        {
            Assert.DoesNotContain(added.SigningKey!, page, StringComparison.Ordinal);
            Assert.DoesNotContain(secretPath, page, StringComparison.Ordinal);
        }

        await using var db = portal.Database.CreateContext();
        var stored = await db.AlertChannels.AsNoTracking().SingleAsync(c => c.Id == added.ChannelId);
        Assert.DoesNotContain(secretPath, stored.ProtectedUrl, StringComparison.Ordinal);
        Assert.DoesNotContain(added.SigningKey!, stored.ProtectedSigningKey!, StringComparison.Ordinal);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.TenantId == portal.Alpha.TenantId && a.Action == "alerts.channel.added" && a.Summary.Contains("Pager bridge"));
        Assert.Equal(portal.Alpha.Email, audit.Actor);
        Assert.DoesNotContain(secretPath, audit.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(added.SigningKey!, audit.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hooks.example/x")]
    [InlineData("https://user:pass@hooks.example/x")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Should_refuse_a_url_that_cannot_be_a_webhook_and_store_nothing(string url)
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var name = "Refused " + Guid.NewGuid().ToString("N")[..6];

        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, new ChannelDraft { Name = name, Url = url }));

        Assert.Equal(ChangeStatus.Invalid, added.Status);
        Assert.NotNull(added.Problem);
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.AlertChannels.AnyAsync(c => c.Name == name));
    }

    [Fact]
    public async Task Should_change_name_events_and_enabled_with_an_audit_entry()
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, Draft(AlertChannelKind.Slack, "#ops", "/ok/services/T1/B1/change")));

        var changed = await portal.ChannelsAsync(c => c.UpdateAsync(owner, added.ChannelId!.Value, new ChannelSettings("#security", new ChannelEvents(false, true, false), false)));

        Assert.True(changed.Succeeded, changed.Problem);
        var row = await portal.ChannelsAsync(c => c.FindAsync(owner, added.ChannelId!.Value));
        Assert.Equal("#security", row!.Name);
        Assert.Equal(new ChannelEvents(false, true, false), row.Events);
        Assert.False(row.IsEnabled);
        await using var db = portal.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "alerts.channel.changed" && a.Summary.Contains("#security (was #ops)")));
    }

    [Fact]
    public async Task Should_send_a_test_signed_with_the_rotated_key_and_log_it()
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, Draft(AlertChannelKind.Webhook, "Rotated", "/ok/hooks/before")));
        var id = added.ChannelId!.Value;
        var path = "/ok/hooks/after-" + Guid.NewGuid().ToString("N");

        var replaced = await portal.ChannelsAsync(c => c.ReplaceUrlAsync(owner, id, portal.StandIn.Url(path)));
        var rotated = await portal.ChannelsAsync(c => c.RotateSigningKeyAsync(owner, id));
        var (asked, messageId) = await portal.ChannelsAsync(c => c.SendTestAsync(owner, id));

        Assert.True(replaced.Succeeded && rotated.Succeeded && asked.Succeeded);
        Assert.NotEqual(added.SigningKey, rotated.SigningKey);
        AlertDelivery? outcome = null;
        Assert.True(await AlertingPortal.EventuallyAsync(async () => (outcome = await portal.ChannelsAsync(c => c.TestOutcomeAsync(owner, id, messageId))) is not null, DeliveredWithin));
        Assert.Equal(AlertDeliveryStatus.Delivered, outcome!.Status);
        var request = Assert.Single(portal.StandIn.RequestsTo(path));
        var signature = request.Headers[WebhookSignature.HeaderName];
        Assert.True(WebhookSignature.Verify(rotated.SigningKey!, signature, request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(added.SigningKey!, signature, request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        var log = await portal.ChannelsAsync(c => c.DeliveriesAsync(owner, id, 1));
        var row = Assert.Single(log!.Deliveries);
        Assert.Equal((AlertEvent.Test, 200, 1), (row.Event, row.ResponseCode, row.Attempts));
        using var client = await portal.LogInAsync(portal.Alpha.Email);
        var page = await client.GetStringAsync(new Uri($"alerts/{id}", UriKind.Relative));
        Assert.Contains("data-testid=\"delivery\"", page, StringComparison.Ordinal);
        Assert.Contains("Delivered", page, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.SigningKey!, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_page_the_delivery_log_newest_first()
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, Draft(AlertChannelKind.Slack, "#paged", "/ok/services/T1/B1/paged")));
        var id = added.ChannelId!.Value;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await using (var db = portal.Database.CreateContext())
        {
            for (var i = 0; i < AlertChannels.DeliveriesPerPage + 5; i++)
            {
                db.AlertDeliveries.Add(new AlertDelivery
                {
                    TenantId = portal.Alpha.TenantId,
                    ChannelId = id,
                    Event = AlertEvent.IncidentOpened,
                    Status = AlertDeliveryStatus.Failed,
                    Attempts = i,
                    ResponseCode = 500,
                    CreatedAt = start.AddMinutes(i),
                });
            }

            await db.SaveChangesAsync();
        }

        var first = await portal.ChannelsAsync(c => c.DeliveriesAsync(owner, id, 1));
        var second = await portal.ChannelsAsync(c => c.DeliveriesAsync(owner, id, 2));

        Assert.Equal(AlertChannels.DeliveriesPerPage + 5, first!.Total);
        Assert.Equal(2, first.PageCount);
        Assert.Equal(AlertChannels.DeliveriesPerPage + 4, first.Deliveries[0].Attempts);
        Assert.Equal(new[] { 4, 3, 2, 1, 0 }, second!.Deliveries.Select(d => d.Attempts));
        var list = await portal.ChannelsAsync(c => c.ListAsync(owner));
        Assert.Equal(AlertDeliveryStatus.Failed, list.Single(r => r.Id == id).LastStatus);
    }

    [Fact]
    public async Task Should_delete_the_channel_with_its_log_and_an_audit_entry()
    {
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var added = await portal.ChannelsAsync(c => c.AddAsync(owner, Draft(AlertChannelKind.Slack, "#gone", "/ok/services/T1/B1/gone")));

        var deleted = await portal.ChannelsAsync(c => c.DeleteAsync(owner, added.ChannelId!.Value));

        Assert.True(deleted.Succeeded);
        Assert.Null(await portal.ChannelsAsync(c => c.FindAsync(owner, added.ChannelId!.Value)));
        using var client = await portal.LogInAsync(portal.Alpha.Email);
        using var response = await client.GetAsync(new Uri($"alerts/{added.ChannelId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = portal.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "alerts.channel.deleted" && a.Summary.Contains("#gone")));
    }
}
