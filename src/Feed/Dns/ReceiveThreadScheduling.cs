using System.Runtime.InteropServices;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Asks Linux for a short scheduler time slice for the calling thread (<c>sched_setattr</c> with
/// <c>sched_runtime</c> under the normal policy, kernel 6.12 and later): the thread keeps its policy and
/// nice value, but when it wakes it may preempt a thread with a longer slice instead of waiting for that
/// thread's slice to end. Elsewhere, and on kernels that ignore it, nothing changes.
/// </summary>
internal static partial class ReceiveThreadScheduling
{
    private const uint SchedAttrSize = 48;

    /// <summary>Requests <paramref name="slice"/> for the calling thread; false where that is not possible.</summary>
    public static bool TryRequestSlice(TimeSpan slice)
    {
        if (!OperatingSystem.IsLinux() || slice <= TimeSpan.Zero)
        {
            return false;
        }

        var (get, set) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (315L, 314L),
            Architecture.Arm64 => (275L, 274L),
            _ => (0L, 0L),
        };
        if (get == 0)
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

            if (attributes.Policy is not (0 or 3))
            {
                return false; // Real-time or deadline threads have no fair slice to shorten.
            }

            attributes.Size = SchedAttrSize;
            attributes.Flags = 0;
            attributes.Runtime = (ulong)(slice.Ticks * 100);
            return Syscall(set, 0, ref attributes, 0, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // long syscall(long number, ...): the arguments are all integers or pointers, passed in registers
    // the same way for a variadic call on x86-64 and arm64 Linux.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int pid, ref SchedAttr attributes, uint sizeOrFlags, uint flags);

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
