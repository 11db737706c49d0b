using System.Globalization;

using Backscatter.Ingest.Classification;

namespace Backscatter.Ingest.Tests.Classification;

public sealed class Classifying_on_spare_cpu : IDisposable
{
    private readonly SpareCpuScheduler _spareCpu = new();

    [Fact]
    public async Task Work_runs_on_the_classifiers_own_threads_at_the_lowest_priority()
    {
        var callersBefore = NiceOfThisThread();
        var (name, nice) = await Task.Factory.StartNew(
            () => (Thread.CurrentThread.Name, NiceOfThisThread()), CancellationToken.None, TaskCreationOptions.None, _spareCpu);
        var othersAfter = await Task.Run(NiceOfThisThread);

        Assert.StartsWith("classify-", name, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(19, nice);
            // The other threads keep theirs (whatever the test runner's is: nice 19 under a renice).
            Assert.Equal(callersBefore, othersAfter);
        }
    }

    [Fact]
    public void A_caller_that_waits_does_not_run_the_work_on_its_own_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var task = Task.Factory.StartNew(() => Environment.CurrentManagedThreadId, CancellationToken.None, TaskCreationOptions.None, _spareCpu);

#pragma warning disable xUnit1031 // Waiting is the point: a scheduler may run a waited-for task inline on the waiter.
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(caller, task.Result);
#pragma warning restore xUnit1031
    }

    [Fact]
    public async Task Runs_one_piece_of_work_per_core_at_once()
    {
        var cores = Environment.ProcessorCount;
        using var all = new Barrier(cores);
        var work = Enumerable.Range(0, cores).Select(_ => Task.Factory.StartNew(
            () => all.SignalAndWait(TimeSpan.FromSeconds(30)), CancellationToken.None, TaskCreationOptions.None, _spareCpu));

        var met = await Task.WhenAll(work);

        Assert.Equal(cores, _spareCpu.MaximumConcurrencyLevel);
        Assert.All(met, Assert.True);
    }

    private static int NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // /proc/thread-self/stat: after the command in parentheses, field 19 of the line is the nice value.
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _spareCpu.Dispose();
}
