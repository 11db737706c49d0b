namespace Backscatter.Ingest.Alerts;

/// <summary>Sits inside the resilience handler, so it sees every attempt: counts them and keeps the last status code for the delivery log.</summary>
internal sealed class AttemptCounter : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.TryGetValue(DeliveryAttempts.Key, out var attempts);
        attempts?.Add();
        var response = await base.SendAsync(request, cancellationToken);
        if (attempts is not null)
        {
            attempts.LastStatusCode = (int)response.StatusCode;
        }

        return response;
    }
}
