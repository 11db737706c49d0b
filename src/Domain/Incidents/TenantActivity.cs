using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Incidents;

/// <summary>
/// One tenant's recent backscatter as the incident detector reads it: counts per bucket of the
/// sliding window and the learned baseline. One row per tenant, locked while it changes.
/// </summary>
public sealed class TenantActivity : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The start of the newest bucket; <see cref="Buckets"/> ends with it.</summary>
    public DateTimeOffset BucketStart { get; set; }

    /// <summary>Backscatter per bucket, oldest first; empty until the first report.</summary>
    public int[] Buckets { get; set; } = [];

    /// <summary>The tenant's usual backscatter per window, an exponentially weighted average over quiet time.</summary>
    public double Baseline { get; set; }

    public int WindowCount => Buckets.Sum();
}
