using System.ComponentModel.DataAnnotations;

namespace Backscatter.Web.Setup;

/// <summary>Direct MX: the host tenants point their ingest domains' MX at, and how their ownership records are looked up.</summary>
public sealed class DirectMxOptions
{
    public const string SectionName = "DirectMx";

    /// <summary>The Ingest host's public name, shown as the MX target (the Ingest host's <c>Smtp:HostName</c>).</summary>
    [Required]
    [RegularExpression(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    public string MxHost { get; set; } = "in.backscatter.test";

    /// <summary>Resolvers for the TXT look-ups, as <c>address</c> or <c>address:port</c>; empty: the system's.</summary>
    public IList<string> NameServers { get; } = [];

    /// <summary>How long one look-up may take before "Check now" reports a timeout (one retry included).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the portal looks for verified domains due a re-check.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A verified domain's TXT record is looked up again once it last proved ownership longer ago than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A verified domain whose record has not proved ownership for this long is suspended: pending again, no mail.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SuspendAfter { get; set; } = TimeSpan.FromDays(7);
}
