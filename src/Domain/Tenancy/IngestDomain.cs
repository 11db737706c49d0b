namespace Backscatter.Domain.Tenancy;

/// <summary>
/// A domain whose MX points at the ingest (direct-MX mode): once verified, every address at it is
/// the tenant's ingest address. A tenant proves it owns the domain by publishing its
/// <see cref="VerificationToken"/> in DNS (<see cref="IngestDomainVerification"/>); until then the
/// claim is pending and routes no mail. Each tenant claims a name once; several tenants may claim
/// it, but it is verified for one at most (docs/adr/0027), so the recipient alone tells the SMTP
/// listener whose mail it is.
/// </summary>
public sealed class IngestDomain : ITenantOwned
{
    public const int MaxLength = 253;

    /// <summary>Ingest domains per tenant: more than any real mail setup needs, few enough to list on one page.</summary>
    public const int MaxPerTenant = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The domain in lower case, without a trailing dot, e.g. <c>bounces.example.com</c>.</summary>
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the tenant publishes in the domain's TXT record; not secret (DNS shows it), but not guessable either.</summary>
    public string VerificationToken { get; init; } = IngestDomainVerification.NewToken();

    /// <summary>When the TXT record proved ownership; null while the claim is pending.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>
    /// When the TXT record last proved ownership: at verification, then at each re-check. Domains
    /// change hands; a verified domain whose record stops proving it is suspended (docs/adr/0027).
    /// </summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
}
