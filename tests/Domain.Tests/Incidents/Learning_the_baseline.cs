using Backscatter.Domain.Incidents;

namespace Backscatter.Domain.Tests.Incidents;

public class Learning_the_baseline
{
    private static readonly IncidentOptions FastLearning = new() { BaselineHalfLife = TimeSpan.FromHours(1) };

    // Two reports every 30 seconds: 20 per five-minute window, all day.
    private static IncidentScenario SteadyBackscatter(int hours)
    {
        var scenario = new IncidentScenario(FastLearning);
        scenario.Run(string.Join(' ', Enumerable.Range(0, hours * 120).Select(i => $"{i * 30}x2")));
        return scenario;
    }

    [Fact]
    public void Should_learn_the_usual_rate_per_window()
    {
        var scenario = SteadyBackscatter(8);

        Assert.InRange(scenario.Activity.Baseline, 19, 20.5);
        Assert.InRange(scenario.Detector.ThresholdFor(scenario.Activity), 95, 103);
        Assert.Empty(scenario.Changes);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(110, true)]
    public void Should_need_k_times_the_baseline_when_that_is_above_the_threshold(int burst, bool opens)
    {
        var scenario = SteadyBackscatter(8);

        scenario.Run($"{(8 * 3600) + 5}x{burst}");

        Assert.Equal(opens, scenario.Open is not null);
    }

    [Fact]
    public void Should_forget_the_baseline_when_backscatter_stops()
    {
        var scenario = SteadyBackscatter(8);

        scenario.Run($"tick@{20 * 3600}");

        Assert.InRange(scenario.Activity.Baseline, 0, 0.2);
        Assert.Equal(50, scenario.Detector.ThresholdFor(scenario.Activity));
    }

    [Fact]
    public void Should_not_learn_from_the_wave_of_an_open_incident()
    {
        var scenario = new IncidentScenario(FastLearning);
        scenario.Run(string.Join(' ', Enumerable.Range(0, 60).Select(i => $"{i * 30}x60")));

        Assert.NotNull(scenario.Open);
        Assert.Equal(0, scenario.Activity.Baseline);
        Assert.Equal(0, scenario.Open!.Baseline);
    }

    [Fact]
    public void Should_refuse_options_that_cannot_work()
    {
        Assert.Throws<ArgumentException>(() => new IncidentDetector(new IncidentOptions { Threshold = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new IncidentDetector(new IncidentOptions { WindowBuckets = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new IncidentDetector(new IncidentOptions { QuietPeriod = TimeSpan.Zero }, TimeProvider.System));
        var bad = new IncidentOptions();
        bad.EscalationMultiples.Add(0.5);
        Assert.Throws<ArgumentException>(() => new IncidentDetector(bad, TimeProvider.System));
    }
}
