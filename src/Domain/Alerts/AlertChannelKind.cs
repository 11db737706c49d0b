namespace Backscatter.Domain.Alerts;

public enum AlertChannelKind
{
    /// <summary>A Slack incoming webhook: text plus blocks.</summary>
    Slack,

    /// <summary>Any HTTPS endpoint: JSON signed with HMAC-SHA256.</summary>
    Webhook,
}
