using Backscatter.Ingest.Storage;

using MassTransit;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>
/// The Ingest instances share queue names in production; each caches addresses of its own, so each
/// must get every IngestDomainReleased: its queue is its own (an instance id in the name).
/// </summary>
public sealed class Receiving_released_domains_on_every_instance
{
    [Fact]
    public void Should_give_each_instance_a_queue_of_its_own()
    {
        IConsumerDefinition first = new IngestDomainReleasedConsumerDefinition();
        IConsumerDefinition second = new IngestDomainReleasedConsumerDefinition();

        var firstName = first.GetEndpointName(KebabCaseEndpointNameFormatter.Instance);

        Assert.StartsWith("ingest-domain-released", firstName, StringComparison.Ordinal);
        Assert.NotEqual(firstName, second.GetEndpointName(KebabCaseEndpointNameFormatter.Instance));
    }
}
