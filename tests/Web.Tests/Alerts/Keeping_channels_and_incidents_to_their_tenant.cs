using System.Net;

using Backscatter.Domain.Incidents;
using Backscatter.Web.Alerts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Alerts;

/// <summary>Tenant Alpha's owner, holding Bravo's ids, can neither see nor change, test, acknowledge or resolve Bravo's things.</summary>
public sealed class Keeping_channels_and_incidents_to_their_tenant(AlertingPortal portal) : IClassFixture<AlertingPortal>, IAsyncLifetime
{
    private const string BravoChannel = "#bravo-war-room";
    private const string BravoPath = "/ok/services/TB/BB/bravo";

    private Guid _channelId;
    private Guid _incidentId;

    public async Task InitializeAsync()
    {
        _channelId = await portal.ChannelAsync(portal.Bravo, BravoChannel, BravoPath);
        _incidentId = await portal.OpenIncidentAsync(portal.Bravo.TenantId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_not_list_or_show_another_tenants_channel()
    {
        using var alpha = await portal.LogInAsync(portal.Alpha.Email);

        var list = await alpha.GetStringAsync(new Uri("alerts", UriKind.Relative));
        using var detail = await alpha.GetAsync(new Uri($"alerts/{_channelId}", UriKind.Relative));
        var page = await detail.Content.ReadAsStringAsync();

        Assert.DoesNotContain(BravoChannel, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.DoesNotContain(BravoChannel, page, StringComparison.Ordinal);
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        Assert.Null(await portal.ChannelsAsync(c => c.FindAsync(owner, _channelId)));
        Assert.Null(await portal.ChannelsAsync(c => c.DeliveriesAsync(owner, _channelId, 1)));
    }

    [Fact]
    public async Task Should_not_change_test_or_delete_another_tenants_channel()
    {
        var alpha = await portal.MemberAsync(portal.Alpha.Email);

        ChannelChange[] answers =
        [
            await portal.ChannelsAsync(c => c.UpdateAsync(alpha, _channelId, new ChannelSettings("taken", new ChannelEvents(false, false, false), false))),
            await portal.ChannelsAsync(c => c.ReplaceUrlAsync(alpha, _channelId, "https://attacker.example/hook")),
            await portal.ChannelsAsync(c => c.RotateSigningKeyAsync(alpha, _channelId)),
            (await portal.ChannelsAsync(c => c.SendTestAsync(alpha, _channelId))).Change,
            await portal.ChannelsAsync(c => c.DeleteAsync(alpha, _channelId)),
        ];

        Assert.All(answers, a => Assert.Equal(ChangeStatus.NotFound, a.Status));
        Assert.All(answers, a => Assert.Null(a.SigningKey));
        var bravo = await portal.MemberAsync(portal.Bravo.Email);
        var row = await portal.ChannelsAsync(c => c.FindAsync(bravo, _channelId));
        Assert.Equal(BravoChannel, row!.Name);
        Assert.True(row.IsEnabled);
        await using var db = portal.Database.CreateContext();
        Assert.Equal(portal.StandIn.EndPoint.Port, new Uri((await db.AlertChannels.SingleAsync(c => c.Id == _channelId)).Destination).Port);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.TenantId == portal.Alpha.TenantId && a.Summary.Contains(BravoChannel)));
        Assert.Empty(portal.StandIn.RequestsTo(BravoPath));
    }

    [Fact]
    public async Task Should_not_acknowledge_or_resolve_another_tenants_incident()
    {
        var alpha = await portal.MemberAsync(portal.Alpha.Email);

        var acknowledged = await portal.IncidentsAsync(r => r.AcknowledgeAsync(alpha, _incidentId));
        var resolved = await portal.IncidentsAsync(r => r.ResolveAsync(alpha, _incidentId));

        Assert.Equal(ChangeStatus.NotFound, acknowledged);
        Assert.Equal(ChangeStatus.NotFound, resolved);
        await using var db = portal.Database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == _incidentId);
        Assert.Null(incident.AcknowledgedAt);
        Assert.Equal(IncidentStatus.Open, incident.Status);
    }
}
