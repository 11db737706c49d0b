using MassTransit;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Batches of up to 100 reports or 50 milliseconds, two at a time: during a wave the batches fill
/// at once, and the per-report costs (a query, a transaction, a publish) are paid per batch; two
/// batches in flight keep both cores busy without starving the SMTP sessions, and the queue
/// absorbs the rest of a burst. Retries what may pass (a database failover, a deadlock) a few
/// times with growing pauses; what still fails goes to the error queue, and
/// <see cref="ReportClassificationFaultConsumer"/> marks the report failed.
/// </summary>
public sealed class ClassifyReportConsumerDefinition : ConsumerDefinition<ClassifyReportConsumer>
{
    private const int MessageLimit = 100;
    private const int ConcurrencyLimit = 2;

    public ClassifyReportConsumerDefinition()
    {
        ConcurrentMessageLimit = MessageLimit * ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ClassifyReportConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeSpan.FromMilliseconds(50))
            .SetConcurrencyLimit(ConcurrencyLimit));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            // Enough unacknowledged messages to fill every batch in flight and the next ones.
            rabbit.PrefetchCount = MessageLimit * ConcurrencyLimit * 2;
        }
    }
}
