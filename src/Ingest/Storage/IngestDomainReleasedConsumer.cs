using Backscatter.Domain.Contracts;
using Backscatter.Ingest.Smtp;

using MassTransit;

namespace Backscatter.Ingest.Storage;

/// <summary>A released ingest domain: this instance's address book forgets its addresses, and the next RCPT at it asks the database.</summary>
public sealed class IngestDomainReleasedConsumer(IIngestAddressBook addresses) : IConsumer<IngestDomainReleased>
{
    public Task Consume(ConsumeContext<IngestDomainReleased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        addresses.Forget(context.Message.Domain);
        return Task.CompletedTask;
    }
}
