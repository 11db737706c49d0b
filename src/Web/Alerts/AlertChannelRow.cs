using Backscatter.Domain.Alerts;

namespace Backscatter.Web.Alerts;

/// <summary>A channel as the portal shows it: no URL beyond scheme and host, no signing key.</summary>
public sealed record AlertChannelRow(
    Guid Id,
    string Name,
    AlertChannelKind Kind,
    string Destination,
    ChannelEvents Events,
    bool IsEnabled,
    DateTimeOffset CreatedAt,
    AlertDeliveryStatus? LastStatus,
    DateTimeOffset? LastDeliveryAt)
{
    public ChannelSettings Settings => new(Name, Events, IsEnabled);
}
