namespace Backscatter.Domain.Tenancy;

/// <summary>
/// A stored BATV key. The secret is kept only encrypted (ASP.NET Core Data Protection, keys in
/// this database); the hosts decrypt it when they sign or check.
/// </summary>
public sealed class TenantBatvKey : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>0-9, the digit that travels in every tag.</summary>
    public int Number { get; init; }

    public required string ProtectedSecret { get; init; }

    /// <summary>The key new tags are signed with; exactly one per tenant.</summary>
    public bool IsActive { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
