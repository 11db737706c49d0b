namespace Backscatter.ServiceDefaults;

/// <summary>
/// Bucket boundaries our histograms advise their exporters to use. OpenTelemetry's defaults (0, 5, 10,
/// 25 ... 10000) are meant for milliseconds; in seconds they would put every commit in the first bucket.
/// </summary>
public static class HistogramBuckets
{
    /// <summary>Work that takes a few milliseconds when all is well and seconds when it is not (a commit, a reply).</summary>
    public static IReadOnlyList<double> ShortSeconds { get; } =
        [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Waits measured in seconds to hours (how far classification lags behind receipt).</summary>
    public static IReadOnlyList<double> LongSeconds { get; } =
        [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    /// <summary>Items per batch, up to the largest batches we make (512 messages per commit).</summary>
    public static IReadOnlyList<int> BatchSizes { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
}
