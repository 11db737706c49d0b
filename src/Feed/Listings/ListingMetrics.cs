using System.Diagnostics;
using System.Diagnostics.Metrics;

using Backscatter.Feed.Dns;
using Backscatter.ServiceDefaults;

namespace Backscatter.Feed.Listings;

/// <summary>
/// The listing the DNS server answers from: how many addresses it holds, its SOA serial, how long ago it
/// was last loaded whole from its source, and how long loading takes. A node whose age keeps growing
/// answers from an old listing (the database or the zone file cannot be read).
/// </summary>
public sealed class ListingMetrics
{
    public const string ListingsName = "backscatter.feed.listings";
    public const string SerialName = "backscatter.feed.snapshot.serial";
    public const string AgeName = "backscatter.feed.snapshot.age";
    public const string ReloadDurationName = "backscatter.feed.snapshot.reload.duration";
    public const string ErrorTypeTag = "error.type";

    private readonly Histogram<double> _reload;

    public ListingMetrics(IMeterFactory meters, ActiveListing listing, ListingUpdates updates)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(updates);
        var meter = meters.Create(TelemetryExtensions.SourceName);
        meter.CreateObservableGauge(ListingsName, () => listing.Current.Count, "{listing}", "Addresses listed in the snapshot the DNS server answers from.");
        meter.CreateObservableGauge(SerialName, () => (long)listing.Current.Serial, "{serial}", "The SOA serial of that snapshot; it grows with every change.");
        meter.CreateObservableGauge(AgeName, () => Age(updates), "s", "Since the snapshot was last loaded whole from its source (PostgreSQL or the zone file); none before the first load.");
        _reload = meter.CreateHistogram(
            ReloadDurationName,
            "s",
            "Loading the whole listing from its source and swapping it in; error.type when it failed (the old snapshot keeps answering).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.ShortSeconds });
    }

    /// <param name="started">The <see cref="Stopwatch"/> timestamp taken before the load began.</param>
    public void Reloaded(long started) => _reload.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

    public void ReloadFailed(long started, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _reload.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(ErrorTypeTag, error.GetType().FullName));
    }

    private static IEnumerable<Measurement<double>> Age(ListingUpdates updates) =>
        updates.SinceLoaded is { } age ? [new Measurement<double>(age.TotalSeconds)] : [];
}
