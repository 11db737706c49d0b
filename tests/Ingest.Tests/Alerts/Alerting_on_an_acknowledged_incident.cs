using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Alerts;

/// <summary>Once a member acknowledged an incident, an escalation alerts only two levels above the severity they saw; resolving always alerts.</summary>
public sealed class Alerting_on_an_acknowledged_incident(AlertDeliveryServices alerts) : IClassFixture<AlertDeliveryServices>
{
    private async Task<Incident> AcknowledgedAtSeverityOneAsync(string path)
    {
        var incident = await alerts.NewTenantWithIncidentAsync();
        await alerts.AddChannelAsync(incident.TenantId, AlertChannelKind.Slack, alerts.StandIn.Url(path));
        await using var db = alerts.CreateContext();
        await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.AcknowledgedAt, DateTimeOffset.UtcNow)
            .SetProperty(i => i.AcknowledgedBy, "admin@acme.example")
            .SetProperty(i => i.AcknowledgedSeverity, 1));
        return incident;
    }

    private async Task EscalateAsync(Incident incident, int severity, AlertEvent alert = AlertEvent.IncidentEscalated)
    {
        await using (var db = alerts.CreateContext())
        {
            await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Severity, severity));
        }

        await alerts.Dispatcher.DispatchAsync(alert, incident.TenantId, incident.Id, 100 * severity, Guid.NewGuid(), CancellationToken.None);
    }

    [Fact]
    public async Task Should_not_alert_one_level_up()
    {
        var incident = await AcknowledgedAtSeverityOneAsync("/ok/ack-one-level");

        await EscalateAsync(incident, 2);

        Assert.Empty(alerts.StandIn.RequestsTo("/ok/ack-one-level"));
        await using var db = alerts.CreateContext();
        Assert.False(await db.AlertDeliveries.AnyAsync(d => d.IncidentId == incident.Id));
    }

    [Fact]
    public async Task Should_alert_again_two_levels_up()
    {
        var incident = await AcknowledgedAtSeverityOneAsync("/ok/ack-two-levels");

        await EscalateAsync(incident, 3);

        Assert.Single(alerts.StandIn.RequestsTo("/ok/ack-two-levels"));
    }

    [Fact]
    public async Task Should_still_alert_its_resolution()
    {
        var incident = await AcknowledgedAtSeverityOneAsync("/ok/ack-resolved");

        await EscalateAsync(incident, 2, AlertEvent.IncidentResolved);

        Assert.Single(alerts.StandIn.RequestsTo("/ok/ack-resolved"));
    }
}
