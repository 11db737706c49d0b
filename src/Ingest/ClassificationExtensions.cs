using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Smtp;
using Backscatter.Ingest.Storage;

using DnsClient;

using MassTransit;

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backscatter.Ingest;

/// <summary>The classification pipeline: the consumers and what they need.</summary>
public static class ClassificationExtensions
{
    public static IHostApplicationBuilder AddReportClassification(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ILookupClient>(_ => new LookupClient(new LookupClientOptions { UseCache = true, Timeout = TimeSpan.FromSeconds(3) }));
        builder.Services.AddSingleton<ISpfDns, DnsSpfLookup>();
        builder.Services.AddSingleton(sp => new SpfSendingNetworks(sp.GetRequiredService<ISpfDns>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<TenantMailConfigurations>();
        builder.Services.AddSingleton<IngestHostNames>();
        builder.Services.AddSingleton<PostgresClassificationStore>();
        builder.Services.TryAddSingleton<UnclassifiedMessages>();
        builder.Services.TryAddSingleton<AcceptanceActivity>();
        builder.Services.AddSingleton<ClassificationGate>();
        builder.Services.TryAddSingleton<ClassificationMetrics>();
        builder.Services.AddSingleton<SpareCpuScheduler>();
        return builder;
    }

    /// <summary>
    /// The consumers this host runs, each with its definition beside it: classification (one queue
    /// for all instances) and released ingest domains (a queue per instance, for its address book).
    /// </summary>
    public static void AddIngestConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ClassifyReportConsumer, ClassifyReportConsumerDefinition>();
        bus.AddConsumer<ReportClassificationFaultConsumer>();
        bus.AddConsumer<IngestDomainReleasedConsumer, IngestDomainReleasedConsumerDefinition>();
    }
}
