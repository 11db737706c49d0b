using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>One queue shared by all feed nodes (each report is evaluated once); transient database failures are retried.</summary>
public sealed class EvaluateListingConsumerDefinition : ConsumerDefinition<EvaluateListingConsumer>
{
    public EvaluateListingConsumerDefinition()
    {
        // Each evaluation holds a connection and an advisory lock for a moment.
        ConcurrentMessageLimit = Environment.ProcessorCount * 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EvaluateListingConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
    }
}
