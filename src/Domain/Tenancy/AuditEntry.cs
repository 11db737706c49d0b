namespace Backscatter.Domain.Tenancy;

/// <summary>
/// One change to a tenant's settings, team or alert channels, written in the same transaction as
/// the change, so that the log never misses one. The summary never contains a secret.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public const int MaxActionLength = 64;

    public const int MaxSummaryLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The member who made the change; null once that member has been removed.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>The member's email at the time, kept after the member is gone.</summary>
    public required string Actor { get; init; }

    /// <summary>A stable code such as <c>setup.relay.added</c> or <c>team.member.removed</c>, for filtering.</summary>
    public required string Action { get; init; }

    /// <summary>What changed, as a sentence a person reads ("Added outbound relay 192.0.2.0/24.").</summary>
    public required string Summary { get; init; }
}
