namespace Backscatter.Domain.Alerts;

/// <summary>What a channel's URL must be before it is stored: absolute HTTPS, a host, no credentials, a sane length.</summary>
public static class WebhookUrl
{
    /// <param name="text">The URL as entered.</param>
    /// <param name="allowPlainHttp">Tests only: accept http:// (delivery still checks the address).</param>
    /// <param name="url">The parsed URL.</param>
    /// <param name="problem">Why it was refused, in a sentence.</param>
    public static bool TryParse(string? text, bool allowPlainHttp, out Uri url, out string problem)
    {
        url = null!;
        problem = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > AlertChannel.MaxUrlLength)
        {
            problem = $"The URL must be given and at most {AlertChannel.MaxUrlLength} characters long.";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.HostNameType == UriHostNameType.Unknown)
        {
            problem = "The URL is not an absolute URL with a host.";
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowPlainHttp && parsed.Scheme == Uri.UriSchemeHttp))
        {
            problem = "The URL must use https.";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            problem = "The URL must not carry a user name or password.";
            return false;
        }

        url = parsed;
        return true;
    }
}
