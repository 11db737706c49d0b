using System.Linq.Expressions;

using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Listing;
using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Persistence;

/// <summary>
/// The one database of all three hosts, including the portal's users (ASP.NET Core Identity; see docs/adr/0007).
/// </summary>
/// <remarks>
/// Add a migration with:
/// <c>dotnet ef migrations add NAME --project src/Domain --output-dir Persistence/Migrations</c>
/// </remarks>
public sealed class BackscatterDbContext(DbContextOptions<BackscatterDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The name of the query filter that keeps a tenant's data to itself.</summary>
    public const string TenantFilter = "Tenant";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantDomain> TenantDomains => Set<TenantDomain>();

    public DbSet<IngestAddress> IngestAddresses => Set<IngestAddress>();

    public DbSet<IngestDomain> IngestDomains => Set<IngestDomain>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportDay> ReportDays => Set<ReportDay>();

    public DbSet<ReflectorDay> ReflectorDays => Set<ReflectorDay>();

    public DbSet<ReflectorSighting> ReflectorSightings => Set<ReflectorSighting>();

    public DbSet<ReflectorRecord> Reflectors => Set<ReflectorRecord>();

    public DbSet<ListingRecord> Listings => Set<ListingRecord>();

    public DbSet<ListingHistoryEntry> ListingHistory => Set<ListingHistoryEntry>();

    public DbSet<TenantMailSettings> TenantMailSettings => Set<TenantMailSettings>();

    public DbSet<TenantBatvKey> TenantBatvKeys => Set<TenantBatvKey>();

    public DbSet<TenantActivity> TenantActivity => Set<TenantActivity>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentCampaign> IncidentCampaigns => Set<IncidentCampaign>();

    public DbSet<IncidentMinute> IncidentMinutes => Set<IncidentMinute>();

    public DbSet<TrackedReport> TrackedReports => Set<TrackedReport>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<AlertChannel> AlertChannels => Set<AlertChannel>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    /// <summary>
    /// The tenants' key ring: their secrets, which the portal encrypts and the Ingest reads. Nothing else
    /// is protected with it (docs/adr/0034).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The portal's own key ring (cookies, antiforgery, Identity's tokens), for the portal's login only (docs/adr/0034).</summary>
    public DbSet<PortalDataProtectionKey> PortalDataProtectionKeys => Set<PortalDataProtectionKey>();

    /// <summary>
    /// The tenant this context reads for, or null for all tenants (Ingest and Feed work across tenants).
    /// The portal restricts every context it opens; see <see cref="RestrictToTenant"/>.
    /// </summary>
    public Guid? RestrictedTenantId { get; private set; }

    /// <summary>
    /// From now on every query of a tenant-owned entity (and of <see cref="Tenants"/>) sees only this
    /// tenant's rows. <see cref="Guid.Empty"/> sees none. The restriction ends with the lease: a pooled
    /// context comes back unrestricted, so one page's tenant never carries over to the next user.
    /// </summary>
    public void RestrictToTenant(Guid tenantId) => RestrictedTenantId = tenantId;

    public override void Dispose()
    {
        RestrictedTenantId = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        RestrictedTenantId = null;
        return base.DisposeAsync();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenantWrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantWrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BackscatterDbContext).Assembly);
        ApplyTenantFilters(modelBuilder);
    }

    // Tenant isolation in one place: every entity that implements ITenantOwned, and the tenant itself.
    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>().HasQueryFilter(TenantFilter, t => RestrictedTenantId == null || t.Id == RestrictedTenantId);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            var filter = (LambdaExpression)typeof(BackscatterDbContext)
                .GetMethod(nameof(TenantFilterFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType)
                .Invoke(this, null)!;
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter, filter);
        }
    }

    // Query filters guard reads (and ExecuteUpdate/ExecuteDelete); this guards tracked writes, so that
    // an attached entity of another tenant cannot be saved through a restricted context.
    private void GuardTenantWrites()
    {
        if (RestrictedTenantId is not { } tenantId)
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var owner = entry.Entity switch
            {
                ITenantOwned owned => owned.TenantId,
                Tenant tenant => tenant.Id,
                _ => tenantId,
            };
            if (owner != tenantId)
            {
                throw new InvalidOperationException($"A context restricted to one tenant cannot write another tenant's {entry.Metadata.ClrType.Name}.");
            }
        }
    }

    private Expression<Func<TEntity, bool>> TenantFilterFor<TEntity>()
        where TEntity : ITenantOwned
        => e => RestrictedTenantId == null || e.TenantId == RestrictedTenantId;
}
