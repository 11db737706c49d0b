using System.Diagnostics.Tracing;
using System.Globalization;

namespace Backscatter.Benchmarks;

/// <summary>
/// What the classifier allocates, by type: the runtime reports a sample about every 100 KB
/// (GCAllocationTick) with the type that crossed the mark, so large shares show reliably.
/// </summary>
internal sealed class AllocationSample : EventListener
{
    private readonly Dictionary<string, long> _bytes = [];
    private long _total;

    public static void Run(int passes)
    {
        var benchmark = new ClassifierBenchmark();
        benchmark.LoadCorpus();
        benchmark.ClassifyCorpus();
        using var listener = new AllocationSample();
        for (var i = 0; i < passes; i++)
        {
            benchmark.ClassifyCorpus();
        }

        listener.Report();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword at verbose level carries the allocation ticks.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            _total += amount;
        }
    }

    private void Report()
    {
        lock (_bytes)
        {
            foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(40))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytes / _total,6:F2} %  {type}"));
            }
        }
    }
}
