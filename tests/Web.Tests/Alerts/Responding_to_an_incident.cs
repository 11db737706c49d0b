using System.Text.Json;

using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;
using Backscatter.Web.Alerts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Alerts;

/// <summary>
/// An owner acknowledges and resolves a real incident (opened by Ingest from backscatter on the
/// bus): the resolution goes through Ingest, reaches the tenant's Slack channel like a quiet one,
/// and the wave going on does not reopen a duplicate at its next report (ADR 0011).
/// </summary>
public sealed class Responding_to_an_incident(AlertingPortal portal) : IClassFixture<AlertingPortal>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_acknowledge_resolve_alert_and_not_reopen_at_the_next_report()
    {
        var tenant = portal.Alpha.TenantId;
        var owner = await portal.MemberAsync(portal.Alpha.Email);
        var slackPath = "/ok/services/TA/BA/" + Guid.NewGuid().ToString("N");
        var channel = await portal.ChannelsAsync(c => c.AddAsync(owner, new ChannelDraft { Name = "#ops", Url = portal.StandIn.Url(slackPath) }));
        Assert.True(channel.Succeeded, channel.Problem);

        await portal.ReportBackscatterAsync(tenant, 6);
        Incident? open = null;
        Assert.True(await AlertingPortal.EventuallyAsync(async () => (open = await portal.OpenIncidentOfAsync(tenant)) is not null, Within), "No incident opened.");
        Assert.Single(await portal.StandIn.WaitForAsync(slackPath, 1, Within));

        Assert.Equal(ChangeStatus.Done, await portal.IncidentsAsync(r => r.AcknowledgeAsync(owner, open!.Id)));
        Assert.Equal(ChangeStatus.Done, await portal.IncidentsAsync(r => r.ResolveAsync(owner, open!.Id)));

        var alerts = await portal.StandIn.WaitForAsync(slackPath, 2, Within);
        Assert.Equal(2, alerts.Count);
        using (var resolvedAlert = JsonDocument.Parse(alerts[1].Body))
        {
            Assert.StartsWith("Backscatter incident resolved at Alpha", resolvedAlert.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        await using (var db = portal.Database.CreateContext())
        {
            var resolved = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == open!.Id);
            Assert.Equal(IncidentStatus.Resolved, resolved.Status);
            Assert.Equal((portal.Alpha.Email, portal.Alpha.Email, 1), (resolved.ResolvedBy, resolved.AcknowledgedBy, resolved.AcknowledgedSeverity));
            Assert.NotNull(resolved.AcknowledgedAt);
            var actions = await db.AuditEntries.AsNoTracking().Where(a => a.TenantId == tenant && a.Action.StartsWith("incidents.")).Select(a => a.Action).ToListAsync();
            Assert.Equal(new[] { "incidents.incident.acknowledged", "incidents.incident.resolved" }, actions.Order());
            Assert.True(await db.AlertDeliveries.AnyAsync(d => d.IncidentId == open!.Id && d.Event == AlertEvent.IncidentResolved && d.Status == AlertDeliveryStatus.Delivered));
        }

        // The wave goes on: its next report is counted in a fresh window and opens nothing.
        await portal.ReportBackscatterAsync(tenant, 1);
        Assert.True(await AlertingPortal.EventuallyAsync(async () =>
        {
            await using var db = portal.Database.CreateContext();
            var activity = await db.TenantActivity.AsNoTracking().SingleAsync(a => a.TenantId == tenant);
            return activity.WindowCount == 1;
        }, Within), "The next report was not counted.");
        Assert.Null(await portal.OpenIncidentOfAsync(tenant));
        Assert.Equal(2, portal.StandIn.RequestsTo(slackPath).Count);

        using var client = await portal.LogInAsync(portal.Alpha.Email);
        var page = await client.GetStringAsync(new Uri($"incidents/{open!.Id}", UriKind.Relative));
        Assert.Contains($"Resolved by {portal.Alpha.Email}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"resolve\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_to_acknowledge_or_resolve_an_incident_that_is_over()
    {
        var owner = await portal.MemberAsync(portal.Bravo.Email);
        await using var db = portal.Database.CreateContext();
        var over = new Incident
        {
            TenantId = portal.Bravo.TenantId,
            Status = IncidentStatus.Resolved,
            OpenedAt = DateTimeOffset.UtcNow.AddHours(-2),
            ResolvedAt = DateTimeOffset.UtcNow.AddHours(-1),
            StartedAt = DateTimeOffset.UtcNow.AddHours(-2),
            Threshold = 50,
            LastReportAt = DateTimeOffset.UtcNow.AddHours(-2),
            LastAboveThresholdAt = DateTimeOffset.UtcNow.AddHours(-2),
        };
        db.Incidents.Add(over);
        await db.SaveChangesAsync();

        Assert.Equal(ChangeStatus.Invalid, await portal.IncidentsAsync(r => r.AcknowledgeAsync(owner, over.Id)));
        Assert.Equal(ChangeStatus.Invalid, await portal.IncidentsAsync(r => r.ResolveAsync(owner, over.Id)));
    }
}
