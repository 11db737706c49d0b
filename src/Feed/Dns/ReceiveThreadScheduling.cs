using System.Runtime.InteropServices;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Linux scheduling of the calling receive thread through <c>sched_setattr</c>: either a short time slice
/// under the normal policy (kernel 6.12 and later; a woken thread with a shorter slice than the running
/// one may preempt it, docs/adr/0013), or a <c>SCHED_DEADLINE</c> reservation (docs/adr/0017). Elsewhere
/// nothing changes.
/// </summary>
internal static partial class ReceiveThreadScheduling
{
    private const uint SchedAttrSize = 48;
    private const uint SchedOther = 0;
    private const uint SchedBatch = 3;
    private const uint SchedDeadline = 6;

    // A child forked by a reserved thread must not inherit the reservation (the kernel refuses such forks otherwise).
    private const ulong ResetOnFork = 0x01;

    /// <summary>errno-like result when the platform has no <c>sched_setattr</c>.</summary>
    public const int NotSupported = -1;

    /// <summary>Requests <paramref name="slice"/> for the calling thread; false where that is not possible.</summary>
    public static bool TryRequestSlice(TimeSpan slice)
    {
        if (slice <= TimeSpan.Zero || !TryGetSyscalls(out var get, out var set))
        {
            return false;
        }

        try
        {
            // Keep the thread's policy and nice value; only the slice changes.
            var attributes = new SchedAttr { Size = SchedAttrSize };
            if (Syscall(get, 0, ref attributes, SchedAttrSize, 0) != 0)
            {
                return false;
            }

            if (attributes.Policy is not (SchedOther or SchedBatch))
            {
                return false; // Real-time or deadline threads have no fair slice to shorten.
            }

            attributes.Size = SchedAttrSize;
            attributes.Flags = 0;
            attributes.Runtime = Nanoseconds(slice);
            return Syscall(set, 0, ref attributes, 0, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Puts the calling thread under <c>SCHED_DEADLINE</c> with <paramref name="runtime"/> every
    /// <paramref name="period"/> (the deadline is the period). Returns 0, or the kernel's errno: EPERM without
    /// CAP_SYS_NICE or when the thread may not run on every CPU, EBUSY when the reservations of all deadline
    /// threads would exceed the kernel's limit (<c>kernel.sched_rt_runtime_us</c> of every CPU).
    /// </summary>
    public static int TryRequestDeadline(TimeSpan runtime, TimeSpan period)
    {
        if (!TryGetSyscalls(out _, out var set))
        {
            return NotSupported;
        }

        try
        {
            var attributes = new SchedAttr
            {
                Size = SchedAttrSize,
                Policy = SchedDeadline,
                Flags = ResetOnFork,
                Runtime = Nanoseconds(runtime),
                Deadline = Nanoseconds(period),
                Period = Nanoseconds(period),
            };
            return Syscall(set, 0, ref attributes, 0, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return NotSupported;
        }
    }

    /// <summary>The policy of thread <paramref name="threadId"/> and, under SCHED_DEADLINE, its reservation; null where unknown.</summary>
    public static (int Policy, TimeSpan Runtime, TimeSpan Period)? Read(int threadId)
    {
        if (!TryGetSyscalls(out var get, out _))
        {
            return null;
        }

        var attributes = new SchedAttr { Size = SchedAttrSize };
        if (Syscall(get, threadId, ref attributes, SchedAttrSize, 0) != 0)
        {
            return null;
        }

        return ((int)attributes.Policy, TimeSpan.FromTicks((long)(attributes.Runtime / 100)), TimeSpan.FromTicks((long)(attributes.Period / 100)));
    }

    /// <summary>The kernel's id of the calling thread (what /proc/&lt;pid&gt;/task lists); 0 where unknown.</summary>
    public static int CurrentThreadId()
    {
        try
        {
            return OperatingSystem.IsLinux() ? GetThreadId() : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    private static ulong Nanoseconds(TimeSpan time) => (ulong)(time.Ticks * 100);

    private static bool TryGetSyscalls(out long get, out long set)
    {
        (get, set) = !OperatingSystem.IsLinux() ? (0L, 0L) : RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (315L, 314L),
            Architecture.Arm64 => (275L, 274L),
            _ => (0L, 0L),
        };
        return get != 0;
    }

    // long syscall(long number, ...): the arguments are all integers or pointers, passed in registers
    // the same way for a variadic call on x86-64 and arm64 Linux.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, ref SchedAttr attributes, uint sizeOrFlags, uint flags);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime;
        public ulong Deadline;
        public ulong Period;
    }
}
