namespace Backscatter.Domain.Tenancy;

/// <summary>
/// An address at the ingest domain to which a tenant forwards its bounces. Addresses are unique
/// across tenants: the recipient alone tells the SMTP listener whose mail it is.
/// </summary>
public sealed class IngestAddress : ITenantOwned
{
    public const int MaxLength = 254;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The full address in lower case, e.g. <c>demo@in.backscatter.test</c>.</summary>
    public required string Address { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
