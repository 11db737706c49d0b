using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>Batches of up to 200 reports or half a second; retried briefly (a deadlock, a failover), then the error queue.</summary>
public sealed class TrackIncidentsConsumerDefinition : ConsumerDefinition<TrackIncidentsConsumer>
{
    private const int MessageLimit = 200;

    public TrackIncidentsConsumerDefinition()
    {
        ConcurrentMessageLimit = MessageLimit * 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TrackIncidentsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeSpan.FromMilliseconds(500))
            .SetConcurrencyLimit(4));
    }
}
