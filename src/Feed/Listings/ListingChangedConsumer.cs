using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Applies listing changes to this node's snapshot: the DNS answers change within a second of the
/// decision. Changes come in batches, so that a burst (an expiry sweep) costs one copy of the listing.
/// </summary>
public sealed class ListingChangedConsumer(ListingUpdates updates) : IConsumer<Batch<ListingChanged>>
{
    public Task Consume(ConsumeContext<Batch<ListingChanged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        updates.Apply([.. context.Message.Select(m => m.Message)]);
        return Task.CompletedTask;
    }
}
