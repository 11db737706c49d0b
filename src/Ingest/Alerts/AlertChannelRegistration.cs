using Backscatter.Domain.Alerts;
using Backscatter.Domain.Persistence;
using Backscatter.ServiceDefaults;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Alerts;

/// <summary>
/// Adds a channel to a tenant: checks the URL, encrypts it, and for a generic webhook makes the
/// signing key — returned once, here, and never shown again.
/// </summary>
public sealed class AlertChannelRegistration(
    IDbContextFactory<BackscatterDbContext> databases,
    TenantSecretProtector secrets,
    DestinationGuard guard,
    TimeProvider clock)
{
    public async Task<(AlertChannel Channel, string? SigningKey)> AddAsync(
        Guid tenantId, string name, AlertChannelKind kind, string url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > AlertChannel.MaxNameLength)
        {
            throw new ArgumentException($"A channel needs a name of at most {AlertChannel.MaxNameLength} characters.", nameof(name));
        }

        if (!WebhookUrl.TryParse(url, guard.AllowsPlainHttp, out var parsed, out var problem))
        {
            throw new ArgumentException(problem, nameof(url));
        }

        var signingKey = kind == AlertChannelKind.Webhook ? WebhookSignature.NewKey() : null;
        var channel = new AlertChannel
        {
            TenantId = tenantId,
            Name = name.Trim(),
            Kind = kind,
            ProtectedUrl = secrets.Protect(parsed.AbsoluteUri),
            Destination = parsed.GetLeftPart(UriPartial.Authority),
            ProtectedSigningKey = signingKey is null ? null : secrets.Protect(signingKey),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.AlertChannels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return (channel, signingKey);
    }
}
