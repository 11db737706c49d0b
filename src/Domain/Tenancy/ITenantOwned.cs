namespace Backscatter.Domain.Tenancy;

/// <summary>
/// Data that belongs to one tenant. Every such entity gets the tenant query filter of
/// <see cref="Persistence.BackscatterDbContext"/>: a context restricted to a tenant never reads another's rows.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
