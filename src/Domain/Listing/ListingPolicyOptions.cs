namespace Backscatter.Domain.Listing;

/// <summary>When a reflector is listed and for how long; bound from configuration section "ListingPolicy".</summary>
public sealed class ListingPolicyOptions
{
    public const string SectionName = "ListingPolicy";

    /// <summary>Messages needed when they reached at least <see cref="MinimumTenants"/> tenants.</summary>
    public int MinimumMessagesAcrossTenants { get; set; } = 3;

    public int MinimumTenants { get; set; } = 2;

    /// <summary>Messages needed when they reached a single tenant: one victim alone must see more.</summary>
    public int MinimumMessagesFromOneTenant { get; set; } = 20;

    /// <summary>The thresholds must be met within this sliding window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A listing ends this long after the last backscatter seen from the reflector.</summary>
    public TimeSpan ListingLifetime { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Networks in CIDR notation that are never listed (the operator's own relays, partners...).</summary>
    public IList<string> Allowlist { get; } = [];
}
