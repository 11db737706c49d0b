using Backscatter.Domain.Incidents;

using static Backscatter.Domain.Tests.Incidents.IncidentScenario;

namespace Backscatter.Domain.Tests.Incidents;

public class Resolving_an_incident_by_hand
{
    [Theory]
    [InlineData("0x50 resolve@60", "Opened@0 Resolved@60")]
    [InlineData("0x50 resolve@60 70x10 100x30", "Opened@0 Resolved@60")]
    [InlineData("0x50 resolve@60 70x49", "Opened@0 Resolved@60")]
    [InlineData("0x50 resolve@60 70x50", "Opened@0 Resolved@60 Opened@70")]
    [InlineData("0x50 tick@1199 resolve@1200", "Opened@0 Resolved@1200")]
    public void Should_resolve_at_once_and_open_again_only_when_a_fresh_window_fills(string script, string expected)
    {
        Assert.Equal(expected, Play(script));
    }

    [Fact]
    public void Should_record_the_resolution_and_leave_no_incident_open()
    {
        var scenario = new IncidentScenario();
        scenario.Run("0x80 resolve@90");

        var resolved = scenario.Changes[^1].Incident;
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(Start.AddSeconds(90), resolved.ResolvedAt);
        Assert.Equal(80, resolved.ReportCount);
        Assert.Equal(80, scenario.Changes[^1].WindowCount);
        Assert.Null(scenario.Open);
        Assert.Equal(0, scenario.Activity.WindowCount);
    }

    [Fact]
    public void Should_not_learn_the_resolved_wave_into_the_baseline()
    {
        var scenario = new IncidentScenario();
        scenario.Run("0x10 tick@3600");
        var before = scenario.Activity.Baseline;

        scenario.Run("3610x200 resolve@3620 tick@7200");

        Assert.True(scenario.Activity.Baseline <= before, $"The baseline rose from {before} to {scenario.Activity.Baseline}.");
    }
}
