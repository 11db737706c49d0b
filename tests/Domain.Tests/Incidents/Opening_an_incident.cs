using Backscatter.Domain.Incidents;

using static Backscatter.Domain.Tests.Incidents.IncidentScenario;

namespace Backscatter.Domain.Tests.Incidents;

public class Opening_an_incident
{
    [Theory]
    [InlineData("0x49", "")]
    [InlineData("0x50", "Opened@0")]
    [InlineData("0x25 120x25", "Opened@120")]
    [InlineData("0x25 290x25", "Opened@290")]
    [InlineData("0x25 301x25", "")]
    [InlineData("0x10 60x10 120x10 180x10 240x9", "")]
    [InlineData("0x10 60x10 120x10 180x10 240x10", "Opened@240")]
    [InlineData("0x10 60x10 120x10 180x10 300x10", "")]
    public void Should_open_when_five_minutes_of_backscatter_reach_the_threshold(string script, string expected)
    {
        Assert.Equal(expected, Play(script));
    }

    [Fact]
    public void Should_use_the_configured_threshold_and_window()
    {
        var options = new IncidentOptions { Threshold = 10, Window = TimeSpan.FromMinutes(1), WindowBuckets = 6 };

        Assert.Equal("", Play("0x5 60x5", options));
        Assert.Equal("Opened@50", Play("0x5 50x5", options));
    }

    [Fact]
    public void Should_record_the_threshold_count_and_start_of_the_wave()
    {
        var scenario = new IncidentScenario();
        scenario.Run("30x20 95x30");

        var incident = Assert.IsType<Incident>(scenario.Open);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(50, incident.Threshold);
        Assert.Equal(50, incident.ReportCount);
        Assert.Equal(50, incident.PeakWindowCount);
        Assert.Equal(1, incident.Severity);
        Assert.Equal(Start.AddSeconds(95), incident.OpenedAt);
        Assert.Equal(scenario.Activity.TenantId, incident.TenantId);
        Assert.True(incident.StartedAt <= Start.AddSeconds(30), $"started {incident.StartedAt}");
    }

    [Fact]
    public void Should_count_reports_that_arrive_while_it_is_open()
    {
        var scenario = new IncidentScenario();
        scenario.Run("0x50 60x7");

        Assert.Equal(57, scenario.Open!.ReportCount);
        Assert.Single(scenario.Changes);
    }

    [Fact]
    public void Should_not_open_for_reports_older_than_the_window()
    {
        var scenario = new IncidentScenario();
        scenario.MoveTo(3600);

        for (var i = 0; i < 100; i++)
        {
            Assert.False(scenario.Report(Start).CountedInOpen);
        }

        Assert.Null(scenario.Open);
        Assert.Equal(0, scenario.Activity.WindowCount);
    }

    [Fact]
    public void Should_count_reports_from_the_future_as_now()
    {
        var scenario = new IncidentScenario();
        for (var i = 0; i < 50; i++)
        {
            scenario.Report(Start.AddHours(1));
        }

        Assert.Equal(Start, Assert.Single(scenario.Changes).At);
    }
}
