using MassTransit;

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

using OpenTelemetry.Instrumentation.Http;

namespace Backscatter.Ingest.Alerts;

/// <summary>Alert delivery: the guarded, resilient "alerts" HTTP client, the sender, the dispatcher and its consumers.</summary>
public static class AlertDeliveryExtensions
{
    public static IHostApplicationBuilder AddAlertDelivery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AlertDeliveryOptions>()
            .Bind(builder.Configuration.GetSection(AlertDeliveryOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.TotalTimeout > o.AttemptTimeout, "Alerts:TotalTimeout must be longer than Alerts:AttemptTimeout.")
            .Validate(o => o.AllowedPrivateEndpoints.All(e => System.Net.IPEndPoint.TryParse(e, out var p) && p.Port != 0), "Alerts:AllowedPrivateEndpoints must be address:port entries.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DestinationGuard>();
        builder.Services.AddTransient<AttemptCounter>();
        builder.Services.AddSingleton<AlertSender>();
        builder.Services.AddSingleton<AlertDispatcher>();

        builder.Services.AddHttpClient(AlertSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Redirects are never followed: a webhook that redirects is misconfigured or an attempt to reach inside.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<DestinationGuard>().ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                // Our trace ids are nobody else's business.
                ActivityHeadersPropagator = null,
            })
            // A Slack webhook URL is a secret in its path: the client's request logs would write it out.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((o, sp) => Configure(o, sp.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value))
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(DeliveryAttempts.ChannelKey, out var channel) ? channel : "");
        builder.Services.AddHttpClient(AlertSender.ClientName).AddHttpMessageHandler<AttemptCounter>();
        // Nor may traces carry it (url.full): alert requests are left out of the HTTP client traces.
        builder.Services.Configure<HttpClientTraceInstrumentationOptions>(o =>
        {
            var others = o.FilterHttpRequestMessage;
            o.FilterHttpRequestMessage = r => !r.Options.TryGetValue(DeliveryAttempts.ChannelKey, out _) && (others?.Invoke(r) ?? true);
        });
        return builder;
    }

    /// <summary>The consumers of alert delivery.</summary>
    public static void AddAlertConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<DeliverAlertsConsumer, DeliverAlertsConsumerDefinition>();
        bus.AddConsumer<SendTestAlertConsumer>();
    }

    private static void Configure(HttpStandardResilienceOptions o, AlertDeliveryOptions alerts)
    {
        o.TotalRequestTimeout.Timeout = alerts.TotalTimeout;
        o.AttemptTimeout.Timeout = alerts.AttemptTimeout;
        o.Retry.MaxRetryAttempts = alerts.MaxRetryAttempts;
        o.Retry.Delay = alerts.RetryDelay;
        o.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        o.Retry.UseJitter = true;
        // A refused destination stays refused: no retry, and it says nothing about the destination's health.
        o.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        o.CircuitBreaker.MinimumThroughput = 10;
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.BreakDuration = alerts.CircuitBreakDuration;
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, alerts.AttemptTimeout.Ticks * 2));
    }

    private static bool IsTransient(Polly.Outcome<HttpResponseMessage> outcome) =>
        AlertSender.Refusal(outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(outcome);
}
