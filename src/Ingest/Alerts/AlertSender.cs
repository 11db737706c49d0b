using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

using Backscatter.Domain.Alerts;
using Backscatter.ServiceDefaults;

using Microsoft.Extensions.Options;

using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Backscatter.Ingest.Alerts;

/// <summary>
/// Sends one alert to one channel through the "alerts" HTTP client (standard resilience handler:
/// retries with exponential backoff and jitter, a circuit per channel, a bounded total time; the
/// <see cref="DestinationGuard"/> below it) and says how it ended. Never throws for the
/// destination's faults: they are the delivery log's business.
/// </summary>
public sealed class AlertSender(
    IHttpClientFactory clients,
    TenantSecretProtector secrets,
    DestinationGuard guard,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider clock)
{
    public const string ClientName = "alerts";

    private static readonly ProductInfoHeaderValue UserAgent = new("Backscatter.Cloud-Alerts", "1.0");

    public async Task<AlertOutcome> SendAsync(AlertChannel channel, AlertContent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(alert);
        if (!Uri.TryCreate(secrets.Unprotect(channel.ProtectedUrl), UriKind.Absolute, out var url))
        {
            return Failed(0, null, "The stored URL cannot be read.");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && guard.AllowsPlainHttp))
        {
            return Failed(0, null, "The URL does not use https.");
        }

        var payload = channel.Kind == AlertChannelKind.Slack ? SlackMessage.For(alert) : WebhookPayload.For(alert);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(UserAgent);
        if (channel.Kind == AlertChannelKind.Webhook && channel.ProtectedSigningKey is { } key)
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secrets.Unprotect(key), clock.GetUtcNow(), body));
            request.Headers.Add("X-Backscatter-Event", alert.Type);
            request.Headers.Add("X-Backscatter-Delivery", alert.DeliveryId.ToString());
        }

        var attempts = new DeliveryAttempts();
        request.Options.Set(DeliveryAttempts.Key, attempts);
        request.Options.Set(DeliveryAttempts.ChannelKey, channel.Id.ToString());
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new AlertOutcome(AlertDeliveryStatus.Delivered, attempts.Count, code, null);
            }

            return Failed(attempts.Count, code, code is >= 300 and < 400
                ? $"HTTP {code}: redirects are not followed (to {response.Headers.Location?.GetLeftPart(UriPartial.Authority) ?? "nowhere"})."
                : $"HTTP {code} after {attempts.Count} attempt(s).");
        }
        catch (BrokenCircuitException)
        {
            return Failed(attempts.Count, attempts.LastStatusCode, "Not tried: this destination failed repeatedly and is paused for a while (circuit open).");
        }
        catch (TimeoutRejectedException)
        {
            return Failed(attempts.Count, attempts.LastStatusCode, string.Create(CultureInfo.InvariantCulture,
                $"Gave up after {attempts.Count} attempt(s) within {options.Value.TotalTimeout.TotalSeconds:0.#} s: no answer in time."));
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return Failed(attempts.Count, null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return Failed(attempts.Count, attempts.LastStatusCode, $"Gave up after {attempts.Count} attempt(s): {ex.Message}");
        }
    }

    /// <summary>The guard's refusal inside what the handler threw, if that is why the request failed.</summary>
    public static DestinationRefusedException? Refusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static AlertOutcome Failed(int attempts, int? code, string error) =>
        new(AlertDeliveryStatus.Failed, attempts, code, error.Length <= AlertDelivery.MaxErrorLength ? error : error[..AlertDelivery.MaxErrorLength]);
}
