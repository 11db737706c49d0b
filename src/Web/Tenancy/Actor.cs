using System.Security.Claims;

using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Tenancy;

/// <summary>The signed-in member who changes something, as the audit log names them.</summary>
public sealed record Actor(Guid TenantId, Guid? UserId, string Email)
{
    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
        return new Actor(TenantClaims.TenantIdOf(user), id, user.Identity?.Name ?? "unknown");
    }

    /// <summary>
    /// The audit entry for a change this member made; add it to the same context as the change so
    /// that both commit together. <paramref name="summary"/> must never contain a secret.
    /// </summary>
    public AuditEntry Did(string action, string summary, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        return new AuditEntry
        {
            TenantId = TenantId,
            At = at,
            ActorId = UserId,
            Actor = Email,
            Action = action,
            Summary = summary.Length <= AuditEntry.MaxSummaryLength ? summary : summary[..(AuditEntry.MaxSummaryLength - 1)] + "…",
        };
    }
}
