using System.Globalization;

using Backscatter.Domain.Incidents;

using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Domain.Tests.Incidents;

/// <summary>
/// Plays a script against one tenant's detector: <c>60x20</c> is 20 reports at second 60,
/// <c>tick@900</c> moves the clock to second 900 without a report,
/// <c>resolve@120</c> has a member resolve the open incident at second 120. The result lists what
/// changed, e.g. <c>Opened@60 Escalated@60 Resolved@900</c>.
/// </summary>
internal sealed class IncidentScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly IncidentDetector _detector;

    public IncidentScenario(IncidentOptions? options = null)
    {
        _detector = new IncidentDetector(options ?? new IncidentOptions(), _clock);
    }

    public TenantActivity Activity { get; } = new() { TenantId = Guid.NewGuid() };

    public Incident? Open { get; private set; }

    public List<IncidentChange> Changes { get; } = [];

    public IncidentDetector Detector => _detector;

    public static string Play(string script, IncidentOptions? options = null) => new IncidentScenario(options).Run(script);

    public string Run(string script)
    {
        foreach (var step in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step.StartsWith("tick@", StringComparison.Ordinal))
            {
                MoveTo(Seconds(step[5..]));
                Apply(_detector.Tick(Activity, Open));
                continue;
            }

            if (step.StartsWith("resolve@", StringComparison.Ordinal))
            {
                MoveTo(Seconds(step[8..]));
                Apply(_detector.Resolve(Activity, Open ?? throw new InvalidOperationException("No open incident to resolve.")));
                continue;
            }

            var parts = step.Split('x');
            var at = Seconds(parts[0]);
            MoveTo(at);
            for (var i = 0; i < int.Parse(parts[1], CultureInfo.InvariantCulture); i++)
            {
                Report(Start.AddSeconds(at));
            }
        }

        return string.Join(' ', Changes.Select(c => $"{c.Kind}@{(c.At - Start).TotalSeconds.ToString(CultureInfo.InvariantCulture)}"));
    }

    public IncidentStep Report(DateTimeOffset receivedAt)
    {
        var step = _detector.Observe(Activity, Open, receivedAt);
        Apply(step);
        return step;
    }

    public void MoveTo(double seconds)
    {
        var target = Start.AddSeconds(seconds);
        if (target > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(target);
        }
    }

    private void Apply(IncidentStep step)
    {
        Open = step.Open;
        Changes.AddRange(step.Changes);
    }

    private static double Seconds(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
