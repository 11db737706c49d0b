using Backscatter.Benchmarks;

using BenchmarkDotNet.Running;

// "--cpu-time": messages per CPU-second of this one thread, which stays meaningful on a machine
// shared with other work, where BenchmarkDotNet's wall-clock times include waiting for the core.
// "--cpu-time N --file PATH": the same for one message classified over and over.
if (args is ["--cpu-time", ..])
{
    var seconds = args.Length > 1 && args[1] != "--file" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var file = Array.IndexOf(args, "--file") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    CpuTimeRun.Run(TimeSpan.FromSeconds(seconds), file);
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
