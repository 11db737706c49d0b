using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Ingest.Alerts;

/// <summary>The test button: one alert to one channel, logged like any other.</summary>
public sealed class SendTestAlertConsumer(AlertDispatcher dispatcher) : IConsumer<SendTestAlert>
{
    public Task Consume(ConsumeContext<SendTestAlert> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return dispatcher.SendTestAsync(context.Message.TenantId, context.Message.ChannelId, DeliverAlertsConsumer.MessageIdOf(context), context.CancellationToken);
    }
}
