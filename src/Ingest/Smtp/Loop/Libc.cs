using System.Runtime.InteropServices;

namespace Backscatter.Ingest.Smtp.Loop;

/// <summary>The few Linux system calls the session loop makes itself (x86-64 layouts).</summary>
internal static unsafe partial class Libc
{
    public const int WouldBlock = 11; // EAGAIN
    public const int Interrupted = 4; // EINTR
    public const int ConnectionAborted = 103; // ECONNABORTED

    public const int ControlAdd = 1; // EPOLL_CTL_ADD
    public const int ControlModify = 3; // EPOLL_CTL_MOD

    public const uint Readable = 0x1; // EPOLLIN
    public const uint Writable = 0x4; // EPOLLOUT
    public const uint Failed = 0x8 | 0x10; // EPOLLERR | EPOLLHUP
    public const uint EdgeTriggered = 1u << 31; // EPOLLET

    public const int NonBlocking = 0x800; // SOCK_NONBLOCK, EFD_NONBLOCK
    public const int CloseOnExec = 0x80000; // SOCK_CLOEXEC, EFD_CLOEXEC, EPOLL_CLOEXEC
    public const int NoSignal = 0x4000; // MSG_NOSIGNAL: a client that left gives EPIPE, not SIGPIPE

    /// <summary><c>struct epoll_event</c>, packed on x86-64.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct PollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int CreatePoll(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int ControlPoll(int poll, int operation, int descriptor, PollEvent* pollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int WaitPoll(int poll, PollEvent* events, int count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int CreateEvent(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, void* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int descriptor, void* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept(int socket, byte* address, int* addressLength, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetOption(int socket, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);
}
