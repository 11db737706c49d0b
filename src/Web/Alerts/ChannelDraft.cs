using Backscatter.Domain.Alerts;

namespace Backscatter.Web.Alerts;

/// <summary>A new channel as the member fills it in.</summary>
public sealed class ChannelDraft
{
    public AlertChannelKind Kind { get; set; } = AlertChannelKind.Slack;

    public string Name { get; set; } = "";

    /// <summary>Write-only: encrypted when stored, never shown again.</summary>
    public string Url { get; set; } = "";

    public ChannelEvents Events { get; set; } = new(true, true, true);
}
