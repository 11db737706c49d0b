using System.Diagnostics;
using System.Globalization;

namespace Backscatter.Benchmarks;

/// <summary>Classifies the corpus over and over on one thread and divides by the thread's CPU time, not the wall clock.</summary>
internal static class CpuTimeRun
{
    public static void Run(TimeSpan duration)
    {
        var benchmark = new ClassifierBenchmark();
        benchmark.LoadCorpus();
        for (var warmup = 0; warmup < 5; warmup++)
        {
            benchmark.ClassifyCorpus();
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        // Allocation is counted exactly, unlike time on a shared machine: it shows work saved even when timings are noisy.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        var messages = 0L;
        while (wall.Elapsed < duration)
        {
            benchmark.ClassifyCorpus();
            messages += ClassifierBenchmark.CorpusSize;
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{messages} messages, {cpu.TotalSeconds:F1} s CPU, {wall.Elapsed.TotalSeconds:F1} s wall: {messages / cpu.TotalSeconds:F0} messages per CPU-second, {messages / wall.Elapsed.TotalSeconds:F0} per wall-second, {allocated / messages / 1024.0:F1} KB allocated per message"));
    }
}
