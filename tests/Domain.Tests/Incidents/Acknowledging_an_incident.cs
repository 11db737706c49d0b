using Backscatter.Domain.Incidents;

namespace Backscatter.Domain.Tests.Incidents;

public class Acknowledging_an_incident
{
    [Theory]
    [InlineData(null, 2, true)]
    [InlineData(null, 4, true)]
    [InlineData(1, 2, false)]
    [InlineData(1, 3, true)]
    [InlineData(2, 3, false)]
    [InlineData(2, 4, true)]
    [InlineData(3, 4, false)]
    public void Should_alert_on_escalation_after_acknowledgement_only_two_levels_up(int? acknowledgedAt, int escalatedTo, bool alerts)
    {
        var incident = new Incident { AcknowledgedSeverity = acknowledgedAt, AcknowledgedAt = acknowledgedAt is null ? null : DateTimeOffset.UnixEpoch };

        Assert.Equal(alerts, incident.AlertsOnEscalationTo(escalatedTo));
    }
}
