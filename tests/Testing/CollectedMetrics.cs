using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backscatter.Testing;

/// <summary>
/// Sums of what a <see cref="MetricCollector{T}"/> recorded, waited for: a host may count after it has
/// answered (the DNS server adds a batch's counts once the answers are sent), so a test asks until the
/// expected sum is there or the time is up, and then asserts on what it got.
/// </summary>
public static class CollectedMetrics
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The sum of the measurements whose tags include all of <paramref name="tags"/>.</summary>
    public static long Sum(this MetricCollector<long> collector, params (string Key, object? Value)[] tags)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(tags);
        long sum = 0;
        foreach (var measurement in collector.GetMeasurementSnapshot())
        {
            if (tags.All(t => measurement.Tags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)))
            {
                sum += measurement.Value;
            }
        }

        return sum;
    }

    /// <summary>Waits until <see cref="Sum"/> reaches <paramref name="expected"/> (or 10 s pass) and returns it.</summary>
    public static async Task<long> SumWhenAsync(this MetricCollector<long> collector, long expected, params (string Key, object? Value)[] tags)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var sum = collector.Sum(tags);
            if (sum >= expected || DateTime.UtcNow > deadline)
            {
                return sum;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="count"/> values were recorded (or 10 s pass) and returns them all.</summary>
    public static async Task<IReadOnlyList<T>> ValuesWhenAsync<T>(this MetricCollector<T> collector, int count)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(collector);
        try
        {
            await collector.WaitForMeasurementsAsync(count, Patience);
        }
        catch (OperationCanceledException)
        {
            // The caller's assertion says what is missing.
        }

        return [.. collector.GetMeasurementSnapshot().Select(m => m.Value)];
    }
}
