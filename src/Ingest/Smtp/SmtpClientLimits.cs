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
    private readonly ConcurrentDictionary<IPAddress, Bucket> _rates = new();
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

    /// <summary>
    /// Takes one message from the client's budget: a bucket of <see cref="SmtpOptions.MaxMessagesPerMinutePerClient"/>
    /// that refills evenly over a minute, so that no window boundary lets a client send twice its budget.
    /// </summary>
    public bool TryTakeMessage(IPAddress client)
    {
        var now = clock.GetTimestamp();
        var budget = (double)options.MaxMessagesPerMinutePerClient;
        var taken = false;
        _rates.AddOrUpdate(
            client,
            _ =>
            {
                taken = true;
                return new Bucket(budget - 1, now);
            },
            (_, bucket) =>
            {
                var refilled = Math.Min(budget, bucket.Tokens + (clock.GetElapsedTime(bucket.At, now).TotalSeconds * budget / 60));
                taken = refilled >= 1;
                return new Bucket(taken ? refilled - 1 : refilled, now);
            });
        if (_rates.Count > 100_000)
        {
            // Forget clients whose bucket is full again, so that the table stays small under a spread-out flood.
            foreach (var full in _rates.Where(kv => clock.GetElapsedTime(kv.Value.At, now) >= TimeSpan.FromMinutes(1)).Select(kv => kv.Key).ToList())
            {
                _rates.TryRemove(full, out _);
            }
        }

        return taken;
    }

    private sealed record Bucket(double Tokens, long At);
}
