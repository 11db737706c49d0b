using MassTransit;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Each message is a stored batch (<see cref="Backscatter.Domain.Contracts.ReportsReceived"/>, up to
/// a few hundred reports), so the per-message costs (a delivery, a query, a transaction, a publish)
/// are paid per batch. Two batches at a time keep both cores busy; a few more are prefetched so the
/// next is at hand, and the queue absorbs the rest of a burst. Retries what may pass (a database
/// failover, a deadlock) a few times with growing pauses; what still fails goes to the error queue,
/// and <see cref="ReportClassificationFaultConsumer"/> marks the reports still waiting failed.
/// </summary>
public sealed class ClassifyReportConsumerDefinition : ConsumerDefinition<ClassifyReportConsumer>
{
    private const int ConcurrencyLimit = 2;

    public ClassifyReportConsumerDefinition()
    {
        ConcurrentMessageLimit = ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ClassifyReportConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = ConcurrencyLimit * 2;
        }
    }
}
