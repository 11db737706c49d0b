using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tenancy;

/// <summary>
/// When a rotated-out BATV key may go: bounces of mail it signed keep arriving until its last tags
/// expire, so it stays for checking for the whole tag lifetime after the next key took over.
/// </summary>
public static class BatvKeyLifetime
{
    /// <summary>Tags expire at the end of a whole day, seven days on: a tag signed just before rotation verifies for up to eight.</summary>
    public static readonly TimeSpan KeptForChecking = TimeSpan.FromDays(BatvSignature.ValidDays + 1);

    /// <summary>When <paramref name="key"/> stopped signing (the next key's creation); null while it is active.</summary>
    public static DateTimeOffset? RetiredAt(TenantBatvKey key, IEnumerable<TenantBatvKey> ring)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ring);
        if (key.IsActive)
        {
            return null;
        }

        return ring.Where(k => k.CreatedAt > key.CreatedAt).Select(k => (DateTimeOffset?)k.CreatedAt).Min() ?? key.CreatedAt;
    }

    /// <summary>From when <paramref name="key"/> may be removed; null while it signs.</summary>
    public static DateTimeOffset? RemovableFrom(TenantBatvKey key, IEnumerable<TenantBatvKey> ring) =>
        RetiredAt(key, ring) is { } retired ? retired + KeptForChecking : null;

    public static bool IsRemovable(TenantBatvKey key, IEnumerable<TenantBatvKey> ring, DateTimeOffset now) =>
        RemovableFrom(key, ring) is { } from && now >= from;
}
