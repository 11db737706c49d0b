namespace Backscatter.Domain.Tenancy;

/// <summary>A customer organisation; everything a customer owns hangs off one tenant.</summary>
public sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<TenantDomain> Domains { get; init; } = [];

    public List<IngestAddress> IngestAddresses { get; init; } = [];

    public List<IngestDomain> IngestDomains { get; init; } = [];
}
