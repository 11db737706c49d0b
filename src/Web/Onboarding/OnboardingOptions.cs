using System.ComponentModel.DataAnnotations;

namespace Backscatter.Web.Onboarding;

/// <summary>Where tenants' ingest addresses live and where the portal sends test bounces.</summary>
public sealed class OnboardingOptions
{
    public const string SectionName = "Onboarding";

    /// <summary>The domain of new ingest addresses (the Ingest host's <c>Smtp:HostName</c> accepts it).</summary>
    [Required]
    [RegularExpression(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    public string IngestDomain { get; set; } = "in.backscatter.test";

    /// <summary>The Ingest host's SMTP endpoint, for the "send a test bounce" button. Configured, never taken from a user.</summary>
    [Required]
    public string IngestSmtpHost { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int IngestSmtpPort { get; set; } = 2525;
}
