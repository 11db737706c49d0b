using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Every feed node must see every change (fan-out), so each node has a queue of its own, named with an
/// instance id and deleted when the node stops. A node that was down catches up from PostgreSQL at start.
/// </summary>
public sealed class ListingChangedConsumerDefinition : ConsumerDefinition<ListingChangedConsumer>
{
    /// <summary>The longest a change waits for others to share its copy of the listing.</summary>
    public static readonly TimeSpan BatchTimeLimit = TimeSpan.FromMilliseconds(50);

    public const int BatchMessageLimit = 1000;

    public ListingChangedConsumerDefinition()
    {
        var instance = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        Endpoint(e =>
        {
            e.InstanceId = instance;
            e.Temporary = true;
            e.PrefetchCount = BatchMessageLimit;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ListingChangedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        // One batch at a time keeps the snapshot's changes in order.
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(BatchMessageLimit)
            .SetTimeLimit(BatchTimeLimit)
            .SetConcurrencyLimit(1));
    }
}
