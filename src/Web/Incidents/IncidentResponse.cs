using System.Globalization;
using System.Security.Claims;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Web.Alerts;
using Backscatter.Web.Tenancy;

using MassTransit;

using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Incidents;

/// <summary>
/// What a member does about an open incident (ADR 0011). Acknowledging is a note on the incident,
/// written here. Resolving is Ingest's business — it holds the detector's state — so the portal
/// asks for it with <see cref="ResolveIncident"/> and the page waits for the incident to resolve.
/// </summary>
public sealed class IncidentResponse(TenantDatabase tenantDatabase, IAuthorizationService authorization, IBus bus, TimeProvider clock)
{
    public Task<bool> CanRespondAsync(ClaimsPrincipal user) => authorization.MayChangeSettingsAsync(user);

    public async Task<ChangeStatus> AcknowledgeAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        if (!await CanRespondAsync(user))
        {
            return ChangeStatus.Forbidden;
        }

        await using var db = tenantDatabase.Open(user);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return ChangeStatus.NotFound;
        }

        if (incident.Status != IncidentStatus.Open)
        {
            return ChangeStatus.Invalid;
        }

        if (incident.AcknowledgedAt is not null)
        {
            return ChangeStatus.Done;
        }

        var actor = Actor.Of(user);
        var now = clock.GetUtcNow();
        incident.AcknowledgedAt = now;
        incident.AcknowledgedBy = actor.Email.Length <= Incident.MaxMemberLength ? actor.Email : actor.Email[..Incident.MaxMemberLength];
        incident.AcknowledgedSeverity = incident.Severity;
        db.AuditEntries.Add(actor.Did("incidents.incident.acknowledged", string.Create(CultureInfo.InvariantCulture,
            $"Acknowledged the incident opened {incident.OpenedAt:yyyy-MM-dd HH:mm:ss} UTC at severity {incident.Severity}."), now));
        await db.SaveChangesAsync(ct);
        return ChangeStatus.Done;
    }

    /// <summary>Asks Ingest to resolve the incident; it is resolved once its status says so.</summary>
    public async Task<ChangeStatus> ResolveAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        if (!await CanRespondAsync(user))
        {
            return ChangeStatus.Forbidden;
        }

        await using var db = tenantDatabase.Open(user);
        var status = await db.Incidents.Where(i => i.Id == id).Select(i => (IncidentStatus?)i.Status).FirstOrDefaultAsync(ct);
        if (status is null)
        {
            return ChangeStatus.NotFound;
        }

        if (status != IncidentStatus.Open)
        {
            return ChangeStatus.Invalid;
        }

        var actor = Actor.Of(user);
        await bus.Publish(new ResolveIncident(actor.TenantId, id, actor.UserId, actor.Email), ct);
        return ChangeStatus.Done;
    }

    public async Task<IncidentStatus?> StatusAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        await using var db = tenantDatabase.Open(user);
        return await db.Incidents.Where(i => i.Id == id).Select(i => (IncidentStatus?)i.Status).FirstOrDefaultAsync(ct);
    }
}
