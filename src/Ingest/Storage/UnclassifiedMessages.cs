namespace Backscatter.Ingest.Storage;

/// <summary>
/// The raw messages this process stored and has not classified yet, kept in memory for a while:
/// classification usually follows acceptance by well under a second in the same process, and then
/// needs neither the compressed copy from the database nor its decompression (about a tenth of the
/// classifier's work). Bounded in bytes; what falls out, or was stored by another process, is read
/// from the database as before.
/// </summary>
public sealed class UnclassifiedMessages
{
    /// <summary>About 16,000 messages of 4 KB: several seconds of a wave at full speed.</summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, byte[]> _messages = [];
    // Oldest first; ids already taken stay here until they reach the head.
    private readonly Queue<Guid> _order = new();
    private readonly long _capacityBytes;
    private long _bytes;

    public UnclassifiedMessages()
        : this(DefaultCapacityBytes)
    {
    }

    public UnclassifiedMessages(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        _capacityBytes = capacityBytes;
    }

    /// <summary>How many messages are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Holds each stored report's raw message (the same array may serve several reports), evicting the oldest beyond capacity.</summary>
    public void Add(IEnumerable<(Guid ReportId, byte[] Raw)> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_lock)
        {
            foreach (var (id, raw) in stored)
            {
                if (raw.Length > _capacityBytes || !_messages.TryAdd(id, raw))
                {
                    continue;
                }

                _order.Enqueue(id);
                _bytes += raw.Length;
            }

            // Bytes bound the held messages; the count bounds the ids of taken ones still queued.
            while (_order.Count > 0 && (_bytes > _capacityBytes || _order.Count > 4 * Math.Max(_messages.Count, 1024)))
            {
                if (_messages.Remove(_order.Dequeue(), out var evicted))
                {
                    _bytes -= evicted.Length;
                }
            }
        }
    }

    /// <summary>Takes the held raw messages of <paramref name="reportIds"/>; the others are not in the result.</summary>
    public Dictionary<Guid, byte[]> Take(IEnumerable<Guid> reportIds)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        var taken = new Dictionary<Guid, byte[]>();
        lock (_lock)
        {
            foreach (var id in reportIds)
            {
                if (_messages.Remove(id, out var raw))
                {
                    taken[id] = raw;
                    _bytes -= raw.Length;
                }
            }

            while (_order.Count > 0 && !_messages.ContainsKey(_order.Peek()))
            {
                _order.Dequeue();
            }
        }

        return taken;
    }
}
