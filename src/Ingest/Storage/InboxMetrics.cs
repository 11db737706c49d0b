using System.Diagnostics;
using System.Diagnostics.Metrics;

using Backscatter.ServiceDefaults;

namespace Backscatter.Ingest.Storage;

/// <summary>The durable inbox's group commit: how long each commit takes, how many messages it carries, and the copies it counted instead of storing.</summary>
public sealed class InboxMetrics
{
    public const string CommitDurationName = "backscatter.inbox.commit.duration";
    public const string BatchSizeName = "backscatter.inbox.batch.size";
    public const string DuplicatesName = "backscatter.inbox.duplicates";
    public const string ErrorTypeTag = "error.type";

    private readonly Histogram<double> _commit;
    private readonly Histogram<int> _batch;
    private readonly Counter<long> _duplicates;

    public InboxMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(TelemetryExtensions.SourceName);
        _commit = meter.CreateHistogram(
            CommitDurationName,
            "s",
            "One group commit of accepted messages, from opening the connection to the commit; error.type when it failed (its senders got 451).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.ShortSeconds });
        _batch = meter.CreateHistogram(
            BatchSizeName,
            "{message}",
            "Messages made durable by one group commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = HistogramBuckets.BatchSizes });
        _duplicates = meter.CreateCounter<long>(DuplicatesName, "{report}", "Copies of a report already stored within the duplicate window: counted on it, not stored again.");
    }

    public void Committed(TimeSpan duration, int messages, int duplicates)
    {
        _commit.Record(duration.TotalSeconds);
        _batch.Record(messages);
        if (duplicates > 0)
        {
            _duplicates.Add(duplicates);
        }
    }

    /// <param name="started">The <see cref="Stopwatch"/> timestamp taken before the commit began.</param>
    public void Failed(long started, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _commit.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(ErrorTypeTag, error.GetType().FullName));
    }
}
