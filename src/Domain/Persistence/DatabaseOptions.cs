using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Persistence;

/// <summary>How every host and tool talks to the database, in one place.</summary>
public static class DatabaseOptions
{
    /// <summary>The connection string name in configuration (<c>ConnectionStrings:Backscatter</c>): the host's own login.</summary>
    public const string ConnectionStringName = "Backscatter";

    /// <summary>
    /// The schema owner's connection string (<c>ConnectionStrings:BackscatterMigrations</c>), read only by
    /// migrations at start in Development; the hosts' own logins may not change the schema (docs/adr/0029).
    /// </summary>
    public const string MigrationsConnectionStringName = "BackscatterMigrations";

    /// <summary>
    /// The hosts' former shared group role (docs/adr/0029); since HostGrants it holds nothing and its
    /// logins leave it: each host has a role of its own (docs/adr/0031).
    /// </summary>
    public const string HostRole = "backscatter_app";

    /// <summary>The portal's group role: the tables it reads, and the tenants' settings it writes.</summary>
    public const string WebRole = "backscatter_web_access";

    /// <summary>The Ingest's group role: reports and what the pipeline makes of them; tenants' settings read only.</summary>
    public const string IngestRole = "backscatter_ingest_access";

    /// <summary>The Feed's group role: listings and their history; reflector sightings read only.</summary>
    public const string FeedRole = "backscatter_feed_access";

    /// <summary>The group role that only the portal's login joins: the accounts (ASP.NET Identity tables).</summary>
    public const string PortalRole = "backscatter_portal";

    public static DbContextOptionsBuilder UseBackscatterDatabase(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();
    }
}
