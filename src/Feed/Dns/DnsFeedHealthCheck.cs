using System.Globalization;

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backscatter.Feed.Dns;

/// <summary>Ready when the DNS server is bound; reports the port, the serial and the size of the listing.</summary>
public sealed class DnsFeedHealthCheck(DnsFeedService service, ActiveListing listing) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = listing.Current;
        return Task.FromResult(service.Server is { } server
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"Serving {snapshot.Count} listed addresses, serial {snapshot.Serial}, on port {server.Port}."))
            : HealthCheckResult.Unhealthy("The DNS server is not running."));
    }
}
