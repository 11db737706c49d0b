namespace Backscatter.Ingest.Smtp;

/// <summary>Which tenant an ingest address belongs to, if any.</summary>
public interface IIngestAddressBook
{
    ValueTask<Guid?> FindTenantAsync(string address, CancellationToken cancellationToken);
}
