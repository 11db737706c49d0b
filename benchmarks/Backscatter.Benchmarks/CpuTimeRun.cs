using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Backscatter.Benchmarks;

/// <summary>Classifies the corpus over and over on one thread and divides by the process's CPU time, not the wall clock.</summary>
internal static class CpuTimeRun
{
    /// <param name="duration">How long to measure, after the warm-up.</param>
    /// <param name="file">One message to classify over and over instead of the corpus; null for the corpus.</param>
    public static void Run(TimeSpan duration, string? file = null)
    {
        var benchmark = new ClassifierBenchmark();
        if (file is null)
        {
            benchmark.LoadCorpus();
        }
        else
        {
            benchmark.LoadFile(file);
        }

        var warmup = WarmUp(benchmark);

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var threadBefore = ThreadCpuTime();
        var jitBefore = JitInfo.GetCompilationTime();
        // Allocation is counted exactly, unlike time on a shared machine: it shows work saved even when timings are noisy.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcPausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        var messages = 0L;
        while (wall.Elapsed < duration)
        {
            benchmark.ClassifyCorpus();
            messages += ClassifierBenchmark.CorpusSize;
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var thread = ThreadCpuTime() - threadBefore;
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gcPaused = GC.GetTotalPauseDuration() - gcPausedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{messages} messages, {cpu.TotalSeconds:F1} s CPU, {wall.Elapsed.TotalSeconds:F1} s wall: {messages / cpu.TotalSeconds:F0} messages per CPU-second, {messages / wall.Elapsed.TotalSeconds:F0} per wall-second, {allocated / messages / 1024.0:F2} KB allocated per message, {collections} collections pausing {gcPaused.TotalSeconds:F2} s; warm-up {warmup}, JIT in the window {jit.TotalMilliseconds:F0} ms; this thread alone (classifying and its GCs, no JIT): {thread.TotalSeconds:F2} s CPU = {messages / thread.TotalSeconds:F0} messages per CPU-second, {thread.TotalMilliseconds * 1000 / messages:F1} µs per message"));
    }

    /// <summary>
    /// CPU time of the calling thread (Linux: utime + stime in /proc/thread-self/stat, 10 ms ticks).
    /// Workstation GC collects on the allocating thread, so this is the classifier with its GCs and
    /// without the background JIT; elsewhere it is the process's time.
    /// </summary>
    private static TimeSpan ThreadCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Process.GetCurrentProcess().TotalProcessorTime;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of the line; the split starts at field 3 (the state).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
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
