using System.Diagnostics.Metrics;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;
using Backscatter.ServiceDefaults;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// What classification makes of the reports and how far it lags behind their receipt; reports it
/// could not classify; reports the sweeper had to announce again. Kind and verdict are small enums:
/// every pair's tags are built once, here.
/// </summary>
public sealed class ClassificationMetrics
{
    public const string ReportsName = "backscatter.classification.reports";
    public const string FailuresName = "backscatter.classification.failures";
    public const string LagName = "backscatter.classification.lag";
    public const string ReannouncedName = "backscatter.classification.reannounced";
    public const string KindTag = "backscatter.report.kind";
    public const string VerdictTag = "backscatter.report.verdict";

    private readonly Counter<long> _reports;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _reannounced;
    private readonly KeyValuePair<string, object?>[][][] _tags;

    public ClassificationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(TelemetryExtensions.SourceName);
        _reports = meter.CreateCounter<long>(ReportsName, "{report}", "Reports classified and stored, by kind and verdict.");
        _failures = meter.CreateCounter<long>(FailuresName, "{report}", "Reports a delivery could not classify or store (counted again on each retry of the delivery).");
        _lag = meter.CreateHistogram(
            LagName,
            "s",
            "From a report's receipt (its 250) to its classification being stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.LongSeconds });
        _reannounced = meter.CreateCounter<long>(ReannouncedName, "{report}", "Reports the sweeper announced again because they waited too long for classification.");
        _tags = [.. Enum.GetValues<MessageKind>().Select(kind => Enum.GetValues<Judgement>().Select(verdict => new KeyValuePair<string, object?>[]
        {
            new(KindTag, kind.ToString()),
            new(VerdictTag, verdict.ToString()),
        }).ToArray())];
    }

    public void Classified(MessageKind kind, Judgement verdict, TimeSpan lag)
    {
        _reports.Add(1, _tags[(int)kind][(int)verdict]);
        _lag.Record(lag.TotalSeconds);
    }

    public void Failed(int reports) => _failures.Add(reports);

    public void Reannounced(int reports) => _reannounced.Add(reports);
}
