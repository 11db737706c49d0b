using System.ComponentModel.DataAnnotations;

namespace Backscatter.Web.Accounts;

/// <summary>
/// Where account mail (email confirmation, password reset) goes: a pickup folder of .eml files
/// (development) or an SMTP smarthost.
/// </summary>
public sealed class AccountMailOptions
{
    public const string SectionName = "AccountMail";

    [Required]
    [EmailAddress]
    public string From { get; set; } = "no-reply@backscatter.test";

    public string FromName { get; set; } = "Backscatter.Cloud";

    /// <summary>When set, messages are written here as .eml files instead of being sent (relative paths are under the content root).</summary>
    public string? PickupDirectory { get; set; }

    public string? SmarthostHost { get; set; }

    [Range(1, 65535)]
    public int SmarthostPort { get; set; } = 587;

    /// <summary>Require STARTTLS before authenticating (default); off only for a local relay.</summary>
    public bool SmarthostStartTls { get; set; } = true;

    public string? SmarthostUsername { get; set; }

    public string? SmarthostPassword { get; set; }
}
