using System.ComponentModel.DataAnnotations;

namespace Backscatter.Ingest.Alerts;

/// <summary>How alerts are delivered; bound from configuration section "Alerts".</summary>
public sealed class AlertDeliveryOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The portal's base URL; an incident is linked as <c>{PortalUrl}/incidents/{id}</c>.</summary>
    [Required]
    public Uri PortalUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>One HTTP request may take this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A delivery gives up after this long, retries included, and is logged as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry's pause; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a destination that keeps failing is left alone before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tests only: <c>address:port</c> endpoints that may be reached although they are private or
    /// loopback (a stand-in for Slack on 127.0.0.1). Plain http is accepted only when this is set.
    /// </summary>
    public IList<string> AllowedPrivateEndpoints { get; } = [];

    public Uri IncidentUrl(Guid incidentId)
    {
        // Relative to the portal's folder, also when it is configured without the trailing slash.
        var portal = PortalUrl.AbsoluteUri.EndsWith('/') ? PortalUrl : new Uri(PortalUrl.AbsoluteUri + "/");
        return new Uri(portal, $"incidents/{incidentId}");
    }
}
