namespace Backscatter.Web.Setup;

/// <summary>An ingest domain as the Setup page lists it, with the TXT record that proves ownership.</summary>
public sealed record IngestDomainEntry(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt, string RecordName, string RecordValue)
{
    public bool IsVerified => VerifiedAt is not null;
}
