using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Persistence;

/// <summary>How every host and tool talks to the database, in one place.</summary>
public static class DatabaseOptions
{
    /// <summary>The connection string name in configuration (<c>ConnectionStrings:Backscatter</c>).</summary>
    public const string ConnectionStringName = "Backscatter";

    public static DbContextOptionsBuilder UseBackscatterDatabase(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();
    }
}
