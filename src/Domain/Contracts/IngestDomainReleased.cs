namespace Backscatter.Domain.Contracts;

/// <summary>
/// A verified ingest domain stopped being its tenant's: removed on the Setup page or suspended by
/// the daily re-check. Every Ingest instance forgets the addresses it has cached at the domain, so
/// that mail to it is refused at RCPT at once instead of after the address book's cache expires.
/// </summary>
/// <param name="Domain">The domain as stored: lower case, punycode, no trailing dot.</param>
public sealed record IngestDomainReleased(
    string Domain,
    Guid TenantId,
    IngestDomainRelease Reason,
    DateTimeOffset ReleasedAt);
