using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Runs the classifier on threads of its own at the lowest scheduling priority (nice 19), one per
/// core: it gets the CPU that SMTP acceptance and the store leave spare, and during a burst it keeps
/// pace without taking the cores from the senders' sessions (docs/adr/0023). Nice 19 rather than
/// SCHED_IDLE: under a load that never lets up, classification still gets a small share instead of none.
/// </summary>
public sealed partial class SpareCpuScheduler : TaskScheduler, IDisposable
{
    private const int LowestPriority = 19;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public SpareCpuScheduler()
    {
        _threads = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(i => new Thread(Run)
        {
            IsBackground = true,
            Name = $"classify-{i}",
            // Honoured where the runtime maps it (Windows); on Linux the thread lowers its own nice value.
            Priority = ThreadPriority.Lowest,
        })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Never on the caller's thread: that would run the classifier at the caller's priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux a thread id names just that thread: only the classifier's threads are lowered.
            _ = SetPriority(PrioProcess, GetThreadId(), LowestPriority);
        }

        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        var ended = _threads.All(t => t.Join(TimeSpan.FromSeconds(5)));
        if (ended)
        {
            // Only then: a thread still classifying would next read a disposed queue.
            _queue.Dispose();
        }
    }

    private const int PrioProcess = 0;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
