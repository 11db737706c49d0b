using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Every feed node must see every change (fan-out), so each node has a queue of its own, named with an
/// instance id and deleted when the node stops. A node that was down catches up from PostgreSQL at start.
/// </summary>
public sealed class ListingChangedConsumerDefinition : ConsumerDefinition<ListingChangedConsumer>
{
    public ListingChangedConsumerDefinition()
    {
        var instance = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        Endpoint(e =>
        {
            e.InstanceId = instance;
            e.Temporary = true;
        });
        // The snapshot swaps one change at a time; one at a time keeps them in order.
        ConcurrentMessageLimit = 1;
    }
}
