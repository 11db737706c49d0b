using Backscatter.Domain.Alerts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Listing;
using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Persistence;

/// <summary>
/// The one database of all three hosts.
/// </summary>
/// <remarks>
/// Add a migration with:
/// <c>dotnet ef migrations add NAME --project src/Domain --output-dir Persistence/Migrations</c>
/// </remarks>
public sealed class BackscatterDbContext(DbContextOptions<BackscatterDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantDomain> TenantDomains => Set<TenantDomain>();

    public DbSet<IngestAddress> IngestAddresses => Set<IngestAddress>();

    public DbSet<IngestDomain> IngestDomains => Set<IngestDomain>();

    public DbSet<Report> Reports => Set<Report>();

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

    public DbSet<AlertChannel> AlertChannels => Set<AlertChannel>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    /// <summary>The Data Protection key ring, shared by all hosts so that each can read secrets the others encrypted.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BackscatterDbContext).Assembly);
    }
}
