using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Npgsql;

using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Backscatter.ServiceDefaults;

/// <summary>OpenTelemetry metrics and traces for every host; exported over OTLP when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// The meter of our own instruments (Ingest's <c>SmtpMetrics</c>, <c>InboxMetrics</c>, <c>ClassificationMetrics</c>;
    /// the Feed's <c>DnsMetrics</c>, <c>ListingMetrics</c>; each created from <c>IMeterFactory</c>, listed in README "Metrics"),
    /// and the name an activity source of ours would take (none traces anything yet).
    /// </summary>
    public const string SourceName = "Backscatter";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", SourceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit", SourceName));

        // The standard variable decides: no endpoint, no exporter (and no failed connection attempts).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
