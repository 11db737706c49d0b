namespace Backscatter.Ingest.Alerts;

/// <summary>What the attempts of one delivery saw, filled in by <see cref="AttemptCounter"/> below the retries.</summary>
internal sealed class DeliveryAttempts
{
    public static readonly HttpRequestOptionsKey<DeliveryAttempts> Key = new("backscatter.delivery-attempts");

    /// <summary>Selects the resilience pipeline: one circuit per channel, keyed by an id that is no secret.</summary>
    public static readonly HttpRequestOptionsKey<string> ChannelKey = new("backscatter.channel");

    private int _count;

    public int Count => _count;

    public int? LastStatusCode { get; set; }

    public void Add() => Interlocked.Increment(ref _count);
}
