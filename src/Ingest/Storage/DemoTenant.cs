using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// In development, a demo tenant with the ingest address <c>demo@in.backscatter.test</c>, so that
/// the sample command ./run.sh prints has somewhere to go. Made as the schema owner (the migrations'
/// connection string, which Development sets): the Ingest's own login reads tenants but may not make
/// them (docs/adr/0031).
/// </summary>
public sealed partial class DemoTenant(
    IDbContextFactory<BackscatterDbContext> databases,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoTenant> logger) : BackgroundService
{
    public const string DefaultAddress = "demo@in.backscatter.test";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = configuration["Ingest:DemoTenantAddress"] ?? DefaultAddress;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = configuration.GetConnectionString(DatabaseOptions.MigrationsConnectionStringName) is { Length: > 0 } owner
                    ? new BackscatterDbContext((DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>()
                        .UseBackscatterDatabase(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString).Options)
                    : await databases.CreateDbContextAsync(stoppingToken);
                if (!await db.IngestAddresses.AnyAsync(a => a.Address == address, stoppingToken))
                {
                    var tenant = new Tenant { Name = "Demo", CreatedAt = clock.GetUtcNow() };
                    tenant.Domains.Add(new TenantDomain { Name = "demo.backscatter.test", CreatedAt = clock.GetUtcNow() });
                    tenant.IngestAddresses.Add(new IngestAddress { Address = address, CreatedAt = clock.GetUtcNow() });
                    db.Tenants.Add(tenant);
                    await db.SaveChangesAsync(stoppingToken);
                    LogCreated(address);
                }

                return;
            }
#pragma warning disable CA1031 // The schema may not be there yet (migrations run beside us); try again shortly.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Created the demo tenant with ingest address {Address}")]
    private partial void LogCreated(string address);

    [LoggerMessage(LogLevel.Debug, "Demo tenant not created yet: {Reason}")]
    private partial void LogWaiting(string reason);
}
