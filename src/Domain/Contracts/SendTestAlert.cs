namespace Backscatter.Domain.Contracts;

/// <summary>Send a test alert to one of the tenant's channels (the portal's test button); the delivery log shows the outcome.</summary>
public sealed record SendTestAlert(Guid TenantId, Guid ChannelId);
