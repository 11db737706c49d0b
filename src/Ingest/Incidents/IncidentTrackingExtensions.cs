using Backscatter.Domain.Incidents;

using MassTransit;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Incidents;

/// <summary>Incident tracking: the detector with its options, the tracker over PostgreSQL, the quiet-incident resolver, the outbox of incident events and the consumers.</summary>
public static class IncidentTrackingExtensions
{
    public static IHostApplicationBuilder AddIncidentTracking(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IncidentOptions>()
            .Bind(builder.Configuration.GetSection(IncidentOptions.SectionName))
            .Validate(o => o.Validate() is null, "The Incidents options cannot work (see IncidentOptions.Validate).")
            .ValidateOnStart();
        builder.Services.AddOptions<IncidentTrackingOptions>()
            .Bind(builder.Configuration.GetSection(IncidentTrackingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new IncidentDetector(
            sp.GetRequiredService<IOptions<IncidentOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IncidentTracker>();
        builder.Services.AddSingleton<QuietIncidentResolver>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QuietIncidentResolver>());
        builder.Services.AddSingleton<IncidentOutbox>();
        builder.Services.AddHostedService<IncidentOutboxSweeper>();
        return builder;
    }

    public static void AddIncidentConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<TrackIncidentsConsumer, TrackIncidentsConsumerDefinition>();
        bus.AddConsumer<ResolveIncidentConsumer>();
    }
}
