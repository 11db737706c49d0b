using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backscatter.ServiceDefaults;

/// <summary>The shared PostgreSQL database: context, readiness check and, in development, migrations at start; the tenants' secrets for the hosts that keep them.</summary>
public static class DatabaseExtensions
{
    public const string HealthCheckName = "postgresql";
    public const string SchemaHealthCheckName = "database-schema";

    public static IHostApplicationBuilder AddBackscatterDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"The connection string 'ConnectionStrings:{DatabaseOptions.ConnectionStringName}' is not configured.");

        builder.Services.AddDbContextPool<BackscatterDbContext>(o => o.UseBackscatterDatabase(connectionString));
        builder.Services.AddPooledDbContextFactory<BackscatterDbContext>(o => o.UseBackscatterDatabase(connectionString));

        var health = builder.Services.AddHealthChecks()
            .AddNpgSql(connectionString, name: HealthCheckName, tags: [ServiceDefaultsExtensions.ReadyTag], timeout: TimeSpan.FromSeconds(5));

        // Development applies migrations at start (EF Core's migration lock makes concurrent starts safe);
        // production runs the migration bundle before the hosts start (see README).
        if (builder.Configuration.GetValue("Database:MigrateAtStart", builder.Environment.IsDevelopment()))
        {
            // The hosts' own logins read and write rows only; the schema owner migrates (docs/adr/0029).
            // Empty counts as not set, so that a later configuration source can take back an earlier one's.
            var migrationsConnectionString = builder.Configuration.GetConnectionString(DatabaseOptions.MigrationsConnectionStringName) is { Length: > 0 } owner
                ? owner
                : connectionString;
            builder.Services.AddSingleton(sp => new DatabaseMigrator(
                migrationsConnectionString, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
            health.AddCheck<DatabaseSchemaHealthCheck>(SchemaHealthCheckName, tags: [ServiceDefaultsExtensions.ReadyTag]);
        }

        return builder;
    }

    /// <summary>
    /// Tenants' secrets (webhook URLs, signing and BATV keys), for the hosts that store or read them:
    /// the portal and the Ingest. The Feed never does, and its login may not read the key ring
    /// (docs/adr/0031); registered there, Data Protection read the ring at every start and logged
    /// permission denied.
    /// </summary>
    public static IHostApplicationBuilder AddTenantSecrets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The tenants' ring only, in a provider of its own: the host's default Data Protection (the portal's
        // cookies) must not use keys the Ingest can read (docs/adr/0034).
        var certificates = KeyRingEncryption.LoadCertificates(builder.Configuration);
        builder.Services.AddSingleton(sp => new TenantKeyRing(sp, sp.GetRequiredService<ILoggerFactory>(), certificates));
        builder.Services.AddSingleton<TenantSecretProtector>();

        // The portal makes channels (tests too, through either host); plain http only where tests allow loopback stand-ins.
        var allowPlainHttp = builder.Configuration.GetSection(AlertChannelRegistration.AllowedPrivateEndpointsKey).GetChildren().Any();
        builder.Services.AddSingleton(sp => new AlertChannelRegistration(
            sp.GetRequiredService<TenantSecretProtector>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            allowPlainHttp));

        return builder;
    }
}
