using Backscatter.Web.Alerts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Alerts;

/// <summary>A viewer sees the channels and incidents, gets no controls to change them, and the server refuses when asked anyway.</summary>
public sealed class Letting_viewers_only_read(AlertingPortal portal) : IClassFixture<AlertingPortal>, IAsyncLifetime
{
    private const string Channel = "#alpha-oncall";

    private Guid _channelId;
    private Guid _incidentId;

    public async Task InitializeAsync()
    {
        _channelId = await portal.ChannelAsync(portal.Alpha, Channel, "/ok/hooks/viewer");
        _incidentId = await portal.OpenIncidentAsync(portal.Alpha.TenantId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_show_channels_and_the_incident_without_controls_to_change_them()
    {
        using var viewer = await portal.LogInAsync(portal.AlphaViewer);

        var list = await viewer.GetStringAsync(new Uri("alerts", UriKind.Relative));
        var detail = await viewer.GetStringAsync(new Uri($"alerts/{_channelId}", UriKind.Relative));
        var incident = await viewer.GetStringAsync(new Uri($"incidents/{_incidentId}", UriKind.Relative));

        Assert.Contains(Channel, list, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"add-channel\"", list, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"delivery-log-empty\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"send-test\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"channel-settings\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delete\"", detail, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"incident-response\"", incident, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"acknowledge\"", incident, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"resolve\"", incident, StringComparison.Ordinal);

        using var owner = await portal.LogInAsync(portal.Alpha.Email);
        Assert.Contains("data-testid=\"add-channel\"", await owner.GetStringAsync(new Uri("alerts", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"acknowledge\"", await owner.GetStringAsync(new Uri($"incidents/{_incidentId}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_every_change_a_viewer_asks_for()
    {
        var viewer = await portal.MemberAsync(portal.AlphaViewer);

        ChannelChange[] answers =
        [
            await portal.ChannelsAsync(c => c.AddAsync(viewer, new ChannelDraft { Name = "#sneaky", Url = "https://hooks.slack.com/services/T/B/X" })),
            await portal.ChannelsAsync(c => c.UpdateAsync(viewer, _channelId, new ChannelSettings("renamed", new ChannelEvents(false, false, false), false))),
            await portal.ChannelsAsync(c => c.ReplaceUrlAsync(viewer, _channelId, "https://hooks.slack.com/services/T/B/Y")),
            await portal.ChannelsAsync(c => c.RotateSigningKeyAsync(viewer, _channelId)),
            (await portal.ChannelsAsync(c => c.SendTestAsync(viewer, _channelId))).Change,
            await portal.ChannelsAsync(c => c.DeleteAsync(viewer, _channelId)),
        ];
        var acknowledged = await portal.IncidentsAsync(r => r.AcknowledgeAsync(viewer, _incidentId));
        var resolved = await portal.IncidentsAsync(r => r.ResolveAsync(viewer, _incidentId));

        Assert.All(answers, a => Assert.Equal(ChangeStatus.Forbidden, a.Status));
        Assert.Equal((ChangeStatus.Forbidden, ChangeStatus.Forbidden), (acknowledged, resolved));
        var row = await portal.ChannelsAsync(c => c.FindAsync(viewer, _channelId));
        Assert.Equal((Channel, true), (row!.Name, row.IsEnabled));
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.AlertChannels.AnyAsync(c => c.Name == "#sneaky"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Actor == portal.AlphaViewer));
        Assert.Null((await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == _incidentId)).AcknowledgedAt);
    }
}
