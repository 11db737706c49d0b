namespace Backscatter.Domain.Incidents;

/// <summary>When a wave of backscatter becomes an incident; bound from configuration section "Incidents".</summary>
public sealed class IncidentOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The sliding window the rate is counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many buckets the window is counted in: the window slides by <see cref="Window"/> / this.</summary>
    public int WindowBuckets { get; set; } = 10;

    /// <summary>Backscatter within one window that opens an incident whatever the tenant's baseline.</summary>
    public int Threshold { get; set; } = 50;

    /// <summary>k: an incident also needs k times the tenant's usual backscatter per window.</summary>
    public double BaselineMultiplier { get; set; } = 5;

    /// <summary>Multiples of the opening threshold at which an open incident escalates, one severity level each.</summary>
    public IList<double> EscalationMultiples { get; } = [];

    /// <summary>An incident resolves when the window has stayed below its opening threshold this long.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How fast the baseline forgets: a window's weight halves after this long.</summary>
    public TimeSpan BaselineHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The escalation multiples in effect: the configured ones, or 2×, 5× and 10×.</summary>
    public IReadOnlyList<double> EffectiveEscalationMultiples =>
        EscalationMultiples.Count > 0 ? [.. EscalationMultiples.Order()] : [2, 5, 10];

    public TimeSpan BucketLength => Window / WindowBuckets;

    /// <summary>Why these options cannot work, or null when they can.</summary>
    public string? Validate()
    {
        if (Window <= TimeSpan.Zero || WindowBuckets is < 1 or > 600 || BucketLength < TimeSpan.FromSeconds(1))
        {
            return "Incidents:Window must be positive and WindowBuckets between 1 and 600, buckets at least a second long.";
        }

        if (Threshold < 1 || BaselineMultiplier < 0 || double.IsNaN(BaselineMultiplier))
        {
            return "Incidents:Threshold must be at least 1 and BaselineMultiplier not negative.";
        }

        if (EscalationMultiples.Any(m => m <= 1 || double.IsNaN(m)))
        {
            return "Incidents:EscalationMultiples must all be greater than 1.";
        }

        return QuietPeriod <= TimeSpan.Zero || BaselineHalfLife <= TimeSpan.Zero
            ? "Incidents:QuietPeriod and BaselineHalfLife must be positive."
            : null;
    }
}
