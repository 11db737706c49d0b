using System.Collections.Concurrent;
using System.Net;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// Connection and message-rate limits per client address, so that one client cannot take the
/// listener from the others. Over a limit the client gets 421 and retries later; nothing is lost.
/// </summary>
public sealed class SmtpClientLimits(SmtpOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<IPAddress, int> _connections = new();
    private readonly ConcurrentDictionary<IPAddress, RateWindow> _rates = new();
    private int _total;

    public int OpenConnections => Volatile.Read(ref _total);

    /// <summary>Counts a new connection; null when it may proceed, else the 421 reply to give.</summary>
    public string? TryOpen(IPAddress client)
    {
        if (Interlocked.Increment(ref _total) > options.MaxConnections)
        {
            Interlocked.Decrement(ref _total);
            return SmtpReply.ServerBusy;
        }

        if (_connections.AddOrUpdate(client, 1, (_, n) => n + 1) > options.MaxConnectionsPerClient)
        {
            Close(client);
            return SmtpReply.TooManyConnections;
        }

        return null;
    }

    public void Close(IPAddress client)
    {
        Interlocked.Decrement(ref _total);
        if (_connections.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _connections.TryRemove(new KeyValuePair<IPAddress, int>(client, 0));
        }
    }

    /// <summary>Counts one message against the client's per-minute budget.</summary>
    public bool TryTakeMessage(IPAddress client)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = _rates.AddOrUpdate(
            client,
            _ => new RateWindow(minute, 1),
            (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new RateWindow(minute, 1));
        if (_rates.Count > 100_000)
        {
            // Forget clients of earlier minutes so that the table stays small under a spread-out flood.
            foreach (var stale in _rates.Where(kv => kv.Value.Minute < minute).Select(kv => kv.Key).ToList())
            {
                _rates.TryRemove(stale, out _);
            }
        }

        return window.Count <= options.MaxMessagesPerMinutePerClient;
    }

    private sealed record RateWindow(long Minute, int Count);
}
