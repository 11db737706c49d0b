using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>Applies a listing change to this node's snapshot: the DNS answers change within a second of the decision.</summary>
public sealed class ListingChangedConsumer(ListingUpdates updates) : IConsumer<ListingChanged>
{
    public Task Consume(ConsumeContext<ListingChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        updates.Apply(context.Message);
        return Task.CompletedTask;
    }
}
