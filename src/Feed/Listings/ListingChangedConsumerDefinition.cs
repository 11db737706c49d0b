using Backscatter.ServiceDefaults;

using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Every feed node must see every change (fan-out), so each node has a queue of its own. A node that
/// was down catches up from PostgreSQL at start.
/// </summary>
public sealed class ListingChangedConsumerDefinition : PerInstanceConsumerDefinition<ListingChangedConsumer>
{
    /// <summary>The longest a change waits for others to share its copy of the listing.</summary>
    public static readonly TimeSpan BatchTimeLimit = TimeSpan.FromMilliseconds(50);

    public const int BatchMessageLimit = 1000;

    public ListingChangedConsumerDefinition()
        : base(e => e.PrefetchCount = BatchMessageLimit)
    {
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
