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
}
