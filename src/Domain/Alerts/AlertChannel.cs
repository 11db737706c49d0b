using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Alerts;

/// <summary>
/// Where a tenant's alerts go. The URL and the signing key are stored only encrypted (ASP.NET Core
/// Data Protection, keys in this database) and never shown again; <see cref="Destination"/> is what
/// people see.
/// </summary>
public sealed class AlertChannel : ITenantOwned
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public required string Name { get; set; }

    public AlertChannelKind Kind { get; init; }

    /// <summary>The webhook URL, encrypted.</summary>
    public required string ProtectedUrl { get; set; }

    /// <summary>Scheme and host of the URL, without the path that carries Slack's secret.</summary>
    public required string Destination { get; set; }

    /// <summary>The HMAC-SHA256 key of a generic webhook, encrypted; null for Slack.</summary>
    public string? ProtectedSigningKey { get; set; }

    public bool OnOpened { get; set; } = true;

    public bool OnEscalated { get; set; } = true;

    public bool OnResolved { get; set; } = true;

    public bool IsEnabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether this channel wants alerts of this kind; a test goes to every channel asked.</summary>
    public bool Wants(AlertEvent alert) => alert switch
    {
        AlertEvent.IncidentOpened => IsEnabled && OnOpened,
        AlertEvent.IncidentEscalated => IsEnabled && OnEscalated,
        AlertEvent.IncidentResolved => IsEnabled && OnResolved,
        _ => true,
    };
}
