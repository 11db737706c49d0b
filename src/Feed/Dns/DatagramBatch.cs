using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Receives up to <see cref="Size"/> queries with one <c>recvmmsg</c> and sends their answers with one
/// <c>sendmmsg</c> (Linux): a receive thread woken by one query also takes whatever queued behind it, so
/// a busy server pays one wake-up and two system calls per batch instead of per query. The buffers live
/// in native memory, owned by the one thread that uses them.
/// </summary>
internal sealed unsafe partial class DatagramBatch : IDisposable
{
    public const int Size = 16;

    /// <summary>Queries longer than this are cut (a DNSBL question is under 300 bytes) and answered as what arrived.</summary>
    public const int MaxQuery = 4096;

    private const int AddressCapacity = 128; // sizeof(struct sockaddr_storage)
    private const int MessageWaitForOne = 0x10000;
    private const int ErrorInterrupted = 4;
    private const int ErrorWouldBlock = 11;

    private readonly MultipleMessageHeader* _received;
    private readonly MultipleMessageHeader* _answers;
    private readonly IoVector* _vectors;
    private readonly byte* _addresses;
    private readonly byte* _queries;
    private readonly byte* _responses;
    private readonly int[] _answered = new int[Size];
    private readonly int[] _byAnswer = new int[DnsMetrics.AnswerKinds];

    public DatagramBatch()
    {
        _received = (MultipleMessageHeader*)NativeMemory.AllocZeroed(Size, (nuint)sizeof(MultipleMessageHeader));
        _answers = (MultipleMessageHeader*)NativeMemory.AllocZeroed(Size, (nuint)sizeof(MultipleMessageHeader));
        _vectors = (IoVector*)NativeMemory.AllocZeroed(2 * Size, (nuint)sizeof(IoVector));
        _addresses = (byte*)NativeMemory.AllocZeroed(Size, AddressCapacity);
        _queries = (byte*)NativeMemory.Alloc(Size, MaxQuery);
        _responses = (byte*)NativeMemory.Alloc(Size, DnsResponder.MaxResponseSize);
    }

    /// <summary>Whether this platform has recvmmsg and sendmmsg with the layout used here (64-bit Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && IntPtr.Size == 8;

    /// <summary>
    /// Waits for at least one query (up to the socket's receive timeout), answers every query received with
    /// <paramref name="responder"/> and sends the answers. Returns the number of queries, or 0 after a timeout or
    /// an interruption; throws <see cref="SocketException"/> for any other receive error. The queries are
    /// counted in <paramref name="metrics"/> once per batch, not once each.
    /// </summary>
    public int ReceiveAndAnswer(SafeHandle socket, DnsResponder responder, DnsMetrics metrics)
    {
        var descriptor = (int)socket.DangerousGetHandle();
        for (var i = 0; i < Size; i++)
        {
            _vectors[i] = new IoVector { Base = _queries + (i * MaxQuery), Length = MaxQuery };
            _received[i] = new MultipleMessageHeader
            {
                Name = _addresses + (i * AddressCapacity),
                NameLength = AddressCapacity,
                Vectors = &_vectors[i],
                VectorCount = 1,
            };
        }

        var count = ReceiveMessages(descriptor, _received, Size, MessageWaitForOne, null);
        if (count <= 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is ErrorWouldBlock or ErrorInterrupted ? 0 : throw new SocketException(error);
        }

        var answers = 0;
        Array.Clear(_byAnswer);
        for (var i = 0; i < count; i++)
        {
            var query = new ReadOnlySpan<byte>(_queries + (i * MaxQuery), (int)Math.Min(_received[i].Length, MaxQuery));
            var response = new Span<byte>(_responses + (i * DnsResponder.MaxResponseSize), DnsResponder.MaxResponseSize);
            var length = responder.Respond(query, response, overTcp: false, out var answer);
            _byAnswer[(int)answer]++;
            if (length > 0)
            {
                _answered[answers++] = i;
                _vectors[Size + i] = new IoVector { Base = _responses + (i * DnsResponder.MaxResponseSize), Length = (nuint)length };
            }
        }

        for (var a = 0; a < answers; a++)
        {
            var i = _answered[a];
            _answers[a] = new MultipleMessageHeader
            {
                Name = _received[i].Name,
                NameLength = _received[i].NameLength,
                Vectors = &_vectors[Size + i],
                VectorCount = 1,
            };
        }

        // One client's unreachable port or a full send queue fails its own answer only: skip it, send the rest.
        for (var sent = 0; sent < answers;)
        {
            var result = SendMessages(descriptor, _answers + sent, (uint)(answers - sent), 0);
            sent += result > 0 ? result : 1;
        }

        metrics.Answered(overTcp: false, _byAnswer);
        return count;
    }

    public void Dispose()
    {
        NativeMemory.Free(_received);
        NativeMemory.Free(_answers);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_queries);
        NativeMemory.Free(_responses);
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int ReceiveMessages(int socket, MultipleMessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMessages(int socket, MultipleMessageHeader* messages, uint count, int flags);

    // struct iovec
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    // struct mmsghdr: struct msghdr (56 bytes) followed by the received length (64-bit Linux layout).
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct MultipleMessageHeader
    {
        [FieldOffset(0)]
        public byte* Name;

        [FieldOffset(8)]
        public uint NameLength;

        [FieldOffset(16)]
        public IoVector* Vectors;

        [FieldOffset(24)]
        public nuint VectorCount;

        [FieldOffset(32)]
        public void* Control;

        [FieldOffset(40)]
        public nuint ControlLength;

        [FieldOffset(48)]
        public int Flags;

        [FieldOffset(56)]
        public uint Length;
    }
}
