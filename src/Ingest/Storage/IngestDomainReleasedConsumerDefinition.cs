using Backscatter.ServiceDefaults;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Every Ingest instance caches addresses of its own, so each needs every release (fan-out). One
/// that was down or cut off from the broker forgets through its cache's expiry (a minute) instead.
/// </summary>
public sealed class IngestDomainReleasedConsumerDefinition : PerInstanceConsumerDefinition<IngestDomainReleasedConsumer>;
