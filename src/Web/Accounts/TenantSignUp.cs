using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Onboarding;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Accounts;

/// <summary>
/// Signing up creates the tenant, its first ingest address and its owner together, or nothing.
/// </summary>
public sealed class TenantSignUp(
    BackscatterDbContext db,
    UserManager<PortalUser> users,
    IngestAddressAllocator addresses,
    TimeProvider clock)
{
    public const int MaxOrganisationLength = 200;

    public async Task<(IdentityResult Result, PortalUser? Owner)> SignUpAsync(string organisation, string email, string password, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tenant = new Tenant { Name = organisation.Trim(), CreatedAt = now };
            // The request's context may write only the tenant it is creating.
            db.RestrictToTenant(tenant.Id);
            tenant.IngestAddresses.Add(new IngestAddress { TenantId = tenant.Id, Address = addresses.NewAddress(), CreatedAt = now });
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(ct);

            var owner = new PortalUser { TenantId = tenant.Id, UserName = email.Trim(), Email = email.Trim(), CreatedAt = now };
            var created = await users.CreateAsync(owner, password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(owner, TenantRoles.Owner);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return (created, (PortalUser?)null);
            }

            await transaction.CommitAsync(ct);
            return (created, owner);
        });
    }
}
