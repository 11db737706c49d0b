using Backscatter.Domain.Incidents;

using static Backscatter.Domain.Tests.Incidents.IncidentScenario;

namespace Backscatter.Domain.Tests.Incidents;

public class Escalating_and_resolving_an_incident
{
    [Theory]
    [InlineData("0x50 10x49", "Opened@0")]
    [InlineData("0x50 10x50", "Opened@0 Escalated@10")]
    [InlineData("0x50 10x50 20x150", "Opened@0 Escalated@10 Escalated@20")]
    [InlineData("0x50 10x450", "Opened@0 Escalated@10 Escalated@10 Escalated@10")]
    [InlineData("0x50 10x1000", "Opened@0 Escalated@10 Escalated@10 Escalated@10")]
    public void Should_escalate_once_per_multiple_reached(string script, string expected)
    {
        Assert.Equal(expected, Play(script));
    }

    [Theory]
    [InlineData("0x50 tick@1199", "Opened@0")]
    [InlineData("0x50 tick@1200", "Opened@0 Resolved@1200")]
    [InlineData("0x50 600x10 tick@1199 tick@1200", "Opened@0 Resolved@1200")]
    [InlineData("0x30 200x30 400x30 tick@1379 tick@1380", "Opened@200 Resolved@1380")]
    [InlineData("0x50 tick@1200 1300x50", "Opened@0 Resolved@1200 Opened@1300")]
    [InlineData("0x50 1000x50", "Opened@0")]
    [InlineData("0x50 1300x50", "Opened@0 Resolved@1300 Opened@1300")]
    public void Should_resolve_once_the_wave_has_left_the_window_and_the_quiet_period_passed(string script, string expected)
    {
        Assert.Equal(expected, Play(script));
    }

    [Fact]
    public void Should_not_escalate_again_at_a_level_already_reached()
    {
        Assert.Equal("Opened@0 Escalated@0", Play("0x100 400x10 500x100"));
    }

    [Fact]
    public void Should_use_configured_multiples_and_quiet_period()
    {
        var options = new IncidentOptions { QuietPeriod = TimeSpan.FromMinutes(2) };
        options.EscalationMultiples.Add(3);

        Assert.Equal("Opened@0 Escalated@0 Resolved@420", Play("0x150 tick@419 tick@420", options));
    }

    [Fact]
    public void Should_record_the_peak_and_the_resolution()
    {
        var scenario = new IncidentScenario();
        scenario.Run("0x50 30x70 tick@1229 tick@1230");

        var resolved = scenario.Changes[^1].Incident;
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(Start.AddSeconds(1230), resolved.ResolvedAt);
        Assert.Equal(120, resolved.PeakWindowCount);
        Assert.Equal(120, resolved.ReportCount);
        Assert.Equal(2, resolved.Severity);
        Assert.Null(scenario.Open);
    }
}
