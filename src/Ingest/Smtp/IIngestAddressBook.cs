namespace Backscatter.Ingest.Smtp;

/// <summary>Which tenant an ingest address belongs to, if any.</summary>
public interface IIngestAddressBook
{
    ValueTask<Guid?> FindTenantAsync(string address, CancellationToken cancellationToken);

    /// <summary>Forgets what is known of every address at a domain that is no longer its tenant's (<c>IngestDomainReleased</c>).</summary>
    void Forget(string domain);
}
