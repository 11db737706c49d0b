namespace Backscatter.Domain.Tenancy;

/// <summary>
/// A domain whose MX points at the ingest (direct-MX mode): every address at it is the tenant's
/// ingest address. Domains are unique across tenants, like addresses: the recipient alone tells
/// the SMTP listener whose mail it is.
/// </summary>
public sealed class IngestDomain : ITenantOwned
{
    public const int MaxLength = 253;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The domain in lower case, without a trailing dot, e.g. <c>bounces.example.com</c>.</summary>
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
