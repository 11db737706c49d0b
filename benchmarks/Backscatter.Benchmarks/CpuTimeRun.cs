using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Backscatter.Benchmarks;

/// <summary>Classifies the corpus over and over on one thread and divides by the process's CPU time, not the wall clock.</summary>
internal static class CpuTimeRun
{
    public static void Run(TimeSpan duration)
    {
        var benchmark = new ClassifierBenchmark();
        benchmark.LoadCorpus();
        var warmup = WarmUp(benchmark);

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = JitInfo.GetCompilationTime();
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
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{messages} messages, {cpu.TotalSeconds:F1} s CPU, {wall.Elapsed.TotalSeconds:F1} s wall: {messages / cpu.TotalSeconds:F0} messages per CPU-second, {messages / wall.Elapsed.TotalSeconds:F0} per wall-second, {allocated / messages / 1024.0:F2} KB allocated per message; warm-up {warmup}, JIT in the window {jit.TotalMilliseconds:F0} ms"));
    }

    /// <summary>
    /// Runs the corpus until tiered compilation has finished: the background JIT otherwise keeps
    /// recompiling hot methods for the first 20 to 30 seconds and its CPU time (seconds of it on
    /// a loaded machine) lands in the window. A worker classifies for days; the steady state is its rate.
    /// </summary>
    private static string WarmUp(ClassifierBenchmark benchmark)
    {
        var wall = Stopwatch.StartNew();
        var quietPasses = 0;
        var passes = 0;
        var compiled = JitInfo.GetCompiledMethodCount();
        // Two minutes at most: on an overloaded machine the JIT thread may get little CPU.
        while (quietPasses < 20 && wall.Elapsed < TimeSpan.FromMinutes(2))
        {
            benchmark.ClassifyCorpus();
            passes++;
            var now = JitInfo.GetCompiledMethodCount();
            quietPasses = now == compiled && passes >= 10 ? quietPasses + 1 : 0;
            compiled = now;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{passes} passes in {wall.Elapsed.TotalSeconds:F1} s");
    }
}
