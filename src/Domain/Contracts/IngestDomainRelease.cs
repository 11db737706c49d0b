namespace Backscatter.Domain.Contracts;

/// <summary>Why a tenant's verified ingest domain was released (<see cref="IngestDomainReleased"/>).</summary>
public enum IngestDomainRelease
{
    /// <summary>A member of the tenant removed it on the Setup page.</summary>
    Removed,

    /// <summary>Its TXT record had not proved ownership for a week (<c>IngestDomainRechecks</c>).</summary>
    Suspended,
}
