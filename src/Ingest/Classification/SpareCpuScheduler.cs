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

    // A plain queue under a monitor rather than a BlockingCollection: its semaphore spins and yields the
    // CPU some 25 times each time a thread finds no work, a context switch each on two busy cores.
    private readonly Queue<Task> _queue = new();
    private readonly object _gate = new();
    private readonly Thread[] _threads;
    private bool _completed;

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

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            _queue.Enqueue(task);
            Monitor.Pulse(_gate);
        }
    }

    // Never on the caller's thread: that would run the classifier at the caller's priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return _queue.ToArray();
        }
    }

    private void Run()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux a thread id names just that thread: only the classifier's threads are lowered.
            _ = SetPriority(PrioProcess, GetThreadId(), LowestPriority);
        }

        while (TryTake(out var task))
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>The next task, waiting without spinning; false once disposed and drained.</summary>
    private bool TryTake(out Task task)
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_completed)
            {
                Monitor.Wait(_gate);
            }

            return _queue.TryDequeue(out task!);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private const int PrioProcess = 0;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
