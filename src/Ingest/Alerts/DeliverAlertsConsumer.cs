using Backscatter.Domain.Alerts;
using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Ingest.Alerts;

/// <summary>Sends each incident event to the tenant's channels that want it.</summary>
public sealed class DeliverAlertsConsumer(AlertDispatcher dispatcher) :
    IConsumer<IncidentOpened>,
    IConsumer<IncidentEscalated>,
    IConsumer<IncidentResolved>
{
    public Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        return dispatcher.DispatchAsync(AlertEvent.IncidentOpened, e.TenantId, e.IncidentId, e.WindowCount, MessageIdOf(context), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentEscalated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        return dispatcher.DispatchAsync(AlertEvent.IncidentEscalated, e.TenantId, e.IncidentId, e.WindowCount, MessageIdOf(context), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        return dispatcher.DispatchAsync(AlertEvent.IncidentResolved, e.TenantId, e.IncidentId, 0, MessageIdOf(context), context.CancellationToken);
    }

    /// <summary>The key of a delivery: the same message redelivered has the same id.</summary>
    internal static Guid MessageIdOf(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidOperationException("An alert event without a message id cannot be delivered exactly once.");
}
