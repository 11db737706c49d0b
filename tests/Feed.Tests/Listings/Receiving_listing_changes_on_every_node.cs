using Backscatter.Feed.Listings;

using MassTransit;

namespace Backscatter.Feed.Tests.Listings;

/// <summary>
/// In production the feed nodes share queue names; every node must still get every ListingChanged,
/// so its queue is its own (an instance id in the name) and goes away with the node.
/// </summary>
public sealed class Receiving_listing_changes_on_every_node
{
    [Fact]
    public void Should_give_each_node_a_queue_of_its_own()
    {
        IConsumerDefinition first = new ListingChangedConsumerDefinition();
        IConsumerDefinition second = new ListingChangedConsumerDefinition();

        var firstName = first.GetEndpointName(KebabCaseEndpointNameFormatter.Instance);
        var secondName = second.GetEndpointName(KebabCaseEndpointNameFormatter.Instance);

        Assert.StartsWith("listing-changed", firstName, StringComparison.Ordinal);
        Assert.NotEqual(firstName, secondName);
    }

    [Fact]
    public void Should_share_one_queue_for_evaluating_listings()
    {
        IConsumerDefinition first = new EvaluateListingConsumerDefinition();
        IConsumerDefinition second = new EvaluateListingConsumerDefinition();

        Assert.Equal("evaluate-listing", first.GetEndpointName(KebabCaseEndpointNameFormatter.Instance));
        Assert.Equal(first.GetEndpointName(KebabCaseEndpointNameFormatter.Instance), second.GetEndpointName(KebabCaseEndpointNameFormatter.Instance));
    }
}
