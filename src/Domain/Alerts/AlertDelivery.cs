using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Alerts;

/// <summary>One alert to one channel, as the delivery log shows it.</summary>
public sealed class AlertDelivery : ITenantOwned
{
    public const int MaxErrorLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public Guid ChannelId { get; init; }

    /// <summary>Null for a test.</summary>
    public Guid? IncidentId { get; init; }

    public AlertEvent Event { get; init; }

    /// <summary>The bus message that caused it: a redelivered message finds its delivery and does not send twice.</summary>
    public Guid? MessageId { get; init; }

    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    /// <summary>HTTP requests made, retries included.</summary>
    public int Attempts { get; set; }

    /// <summary>The HTTP status of the last response, if any came.</summary>
    public int? ResponseCode { get; set; }

    /// <summary>Why it failed, in a sentence.</summary>
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When a host last began sending it. Another copy of the event that finds it pending waits while
    /// this claim is younger than a whole send can take, instead of sending the alert a second time;
    /// an older claim is a host that stopped mid-way, and the copy sends it. Null: never claimed.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
