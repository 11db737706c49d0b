using MassTransit;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Each message is a classified batch (up to a few hundred reports), two at a time; retried briefly
/// (a deadlock, a failover), then the error queue.
/// </summary>
public sealed class TrackIncidentsConsumerDefinition : ConsumerDefinition<TrackIncidentsConsumer>
{
    public TrackIncidentsConsumerDefinition()
    {
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TrackIncidentsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
    }
}
