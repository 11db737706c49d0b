using MassTransit;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Retries what may pass (a database failover, a deadlock) a few times with growing pauses; what
/// still fails goes to the error queue, and <see cref="ReportClassificationFaultConsumer"/> marks the report failed.
/// </summary>
public sealed class ClassifyReportConsumerDefinition : ConsumerDefinition<ClassifyReportConsumer>
{
    public ClassifyReportConsumerDefinition()
    {
        // Classification is CPU-bound and each message holds a connection briefly; a few per core.
        ConcurrentMessageLimit = Environment.ProcessorCount * 8;
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
            rabbit.PrefetchCount = (ushort)(Environment.ProcessorCount * 32);
        }
    }
}
