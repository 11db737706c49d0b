using Backscatter.Benchmarks;

using BenchmarkDotNet.Running;

// "--cpu-time": messages per CPU-second of this one thread, which stays meaningful on a machine
// shared with other work, where BenchmarkDotNet's wall-clock times include waiting for the core.
if (args is ["--cpu-time", ..])
{
    CpuTimeRun.Run(TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20));
    return;
}

// "--allocations N": what N passes over the corpus allocate, by type (sampled by the runtime).
if (args is ["--allocations", ..])
{
    AllocationSample.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

// "--dump DIR...": every result as JSON, one line a file, to compare two builds' results byte for byte.
if (args is ["--dump", .. var folders])
{
    ResultDump.Write(folders, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifierBenchmark).Assembly).Run(args);
