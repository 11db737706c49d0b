namespace Backscatter.Domain.Tenancy;

/// <summary>
/// An owner's invitation for someone to join the tenant with a role. The link in the mail carries a
/// random token; only its SHA-256 is stored (<see cref="InvitationToken"/>), so a leaked database
/// row accepts nothing. Pending until accepted, revoked or expired.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public const int MaxEmailLength = 254;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public required string Email { get; init; }

    /// <summary>One of <see cref="TenantRoles.All"/>.</summary>
    public required string Role { get; init; }

    public required byte[] TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public Guid? InvitedById { get; init; }

    /// <summary>The inviting owner's email at the time, kept after that owner is gone.</summary>
    public required string InvitedBy { get; init; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsPendingAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public void Accept(DateTimeOffset now)
    {
        if (!IsPendingAt(now))
        {
            throw new InvalidOperationException("Only a pending invitation can be accepted.");
        }

        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (!IsPendingAt(now))
        {
            throw new InvalidOperationException("Only a pending invitation can be revoked.");
        }

        RevokedAt = now;
    }
}
