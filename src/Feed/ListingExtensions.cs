using Backscatter.Feed.Listings;

using MassTransit;

namespace Backscatter.Feed;

public static class ListingExtensions
{
    /// <summary>
    /// The listing's life in PostgreSQL: evaluated when a report is counted against its reflector
    /// (<see cref="EvaluateListingConsumer"/>), ended on a timer when it expires (<c>DnsFeed:ExpiryInterval</c>),
    /// every change recorded in the history and announced as <c>ListingChanged</c>.
    /// </summary>
    public static IHostApplicationBuilder AddListingEvaluation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ListingEvaluator>();
        builder.Services.AddHostedService<ListingExpiry>();
        return builder;
    }

    /// <summary>The feed's consumers: evaluating listings (one queue for all nodes) and applying changes (a queue per node).</summary>
    public static IBusRegistrationConfigurator AddListingConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<EvaluateListingConsumer, EvaluateListingConsumerDefinition>();
        bus.AddConsumer<ListingChangedConsumer, ListingChangedConsumerDefinition>();
        return bus;
    }
}
