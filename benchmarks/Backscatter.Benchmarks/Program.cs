using Backscatter.Benchmarks;

using BenchmarkDotNet.Running;

// "--cpu-time": messages per CPU-second of this one thread, which stays meaningful on a machine
// shared with other work, where BenchmarkDotNet's wall-clock times include waiting for the core.
if (args is ["--cpu-time", ..])
{
    CpuTimeRun.Run(TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifierBenchmark).Assembly).Run(args);
