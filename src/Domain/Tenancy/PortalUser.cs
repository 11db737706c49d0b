using Microsoft.AspNetCore.Identity;

namespace Backscatter.Domain.Tenancy;

/// <summary>
/// A person who signs in to the portal. Each belongs to exactly one tenant; what they may do there
/// is their role (<see cref="TenantRoles"/>).
/// </summary>
/// <remarks>
/// Not <see cref="ITenantOwned"/>: Identity finds users by name before anyone is signed in, so the
/// tenant filter cannot apply. Pages that list members filter by <see cref="TenantId"/> themselves.
/// </remarks>
public sealed class PortalUser : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
