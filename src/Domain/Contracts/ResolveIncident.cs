namespace Backscatter.Domain.Contracts;

/// <summary>
/// Resolve an open incident now (the portal's resolve button). Ingest's incident tracker does it
/// under the tenant's row lock, empties the window so that the same wave does not reopen it at
/// the next report, and publishes <see cref="IncidentResolved"/>.
/// </summary>
/// <param name="TenantId">The tenant the incident must belong to.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="ActorId">The member who asked, for the audit log.</param>
/// <param name="Actor">The member's email, for the audit log and the incident.</param>
public sealed record ResolveIncident(Guid TenantId, Guid IncidentId, Guid? ActorId, string Actor);
