using Backscatter.Domain.Alerts;
using Backscatter.Domain.Persistence;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Makes and changes alert channels the same way in every host: checks the name and the URL,
/// encrypts the URL, and for a generic webhook makes the signing key — returned once, by
/// <see cref="Create"/> or <see cref="RotateSigningKey"/>, and never readable again.
/// </summary>
/// <param name="allowPlainHttp">Tests only (Alerts:AllowedPrivateEndpoints set): accept http:// URLs.</param>
public sealed class AlertChannelRegistration(
    TenantSecretProtector secrets,
    TimeProvider clock,
    bool allowPlainHttp)
{
    public const string AllowedPrivateEndpointsKey = "Alerts:AllowedPrivateEndpoints";

    /// <summary>Why this name cannot be a channel's, or null.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > AlertChannel.MaxNameLength
            ? $"A channel needs a name of at most {AlertChannel.MaxNameLength} characters."
            : null;

    /// <summary>Why this URL cannot be a channel's, or null.</summary>
    public string? UrlProblem(string? url) => WebhookUrl.TryParse(url, allowPlainHttp, out _, out var problem) ? null : problem;

    /// <summary>A new channel, not yet stored, and the signing key of a generic webhook.</summary>
    /// <exception cref="ArgumentException">The name or the URL is refused; the message says why.</exception>
    public (AlertChannel Channel, string? SigningKey) Create(Guid tenantId, string name, AlertChannelKind kind, string url)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var parsed = Parse(url);
        var signingKey = kind == AlertChannelKind.Webhook ? WebhookSignature.NewKey() : null;
        var channel = new AlertChannel
        {
            TenantId = tenantId,
            Name = name.Trim(),
            Kind = kind,
            ProtectedUrl = secrets.Protect(parsed.AbsoluteUri),
            Destination = DestinationOf(parsed),
            ProtectedSigningKey = signingKey is null ? null : secrets.Protect(signingKey),
            CreatedAt = clock.GetUtcNow(),
        };
        return (channel, signingKey);
    }

    /// <exception cref="ArgumentException">The URL is refused; the message says why.</exception>
    public void ReplaceUrl(AlertChannel channel, string url)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var parsed = Parse(url);
        channel.ProtectedUrl = secrets.Protect(parsed.AbsoluteUri);
        channel.Destination = DestinationOf(parsed);
    }

    /// <summary>Gives a generic webhook a new signing key and returns it; the old one stops verifying at once.</summary>
    public string RotateSigningKey(AlertChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Kind != AlertChannelKind.Webhook)
        {
            throw new InvalidOperationException("Only generic webhooks are signed.");
        }

        var key = WebhookSignature.NewKey();
        channel.ProtectedSigningKey = secrets.Protect(key);
        return key;
    }

    /// <summary>
    /// Creates a channel and stores it through <paramref name="db"/>, without an audit entry: for tests,
    /// which seed as the schema owner (only the portal's login may write channels; docs/adr/0031).
    /// </summary>
    public async Task<(AlertChannel Channel, string? SigningKey)> AddAsync(
        BackscatterDbContext db, Guid tenantId, string name, AlertChannelKind kind, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var added = Create(tenantId, name, kind, url);
        db.AlertChannels.Add(added.Channel);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private Uri Parse(string url) =>
        WebhookUrl.TryParse(url, allowPlainHttp, out var parsed, out var problem) ? parsed : throw new ArgumentException(problem, nameof(url));

    /// <summary>Scheme and host (and port): never the path, which carries Slack's secret.</summary>
    private static string DestinationOf(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
