namespace Backscatter.Domain.Tenancy;

/// <summary>A mail domain the tenant protects: forged senders in it produce the backscatter we receive.</summary>
public sealed class TenantDomain : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The domain in lower case, without a trailing dot.</summary>
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
