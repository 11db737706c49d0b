using MassTransit;

namespace Backscatter.Ingest.Alerts;

/// <summary>
/// Deliveries wait on other people's servers, so many run at once. HTTP failures are retried inside
/// the delivery; a message is retried only when the database failed, and then sends only what is
/// still pending.
/// </summary>
public sealed class DeliverAlertsConsumerDefinition : ConsumerDefinition<DeliverAlertsConsumer>
{
    public DeliverAlertsConsumerDefinition()
    {
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DeliverAlertsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
    }
}
