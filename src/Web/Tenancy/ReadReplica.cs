using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Web.Tenancy;

/// <summary>
/// Where the portal reads what the pipeline writes (reports, reflectors, the overview's counts, the
/// public lookup): PostgreSQL's read replica when <c>ConnectionStrings:BackscatterReplica</c> is set,
/// else the primary. During an attack the Ingest commits thousands of reports a second to the
/// primary; a tenant watching the dashboard should not take CPU and I/O from those commits
/// (DESIGN.md, "Scale-out"; docs/adr/0030).
/// </summary>
/// <remarks>
/// Every connection from here is read-only (<c>default_transaction_read_only</c>), so a write that
/// strays here fails in development too, where both names point at one server. Whatever a page
/// has just changed itself (settings, team, acknowledgements) it reads from the primary: the replica
/// lags by up to a few seconds.
/// </remarks>
public sealed class ReadReplica
{
    public const string ConnectionStringName = "BackscatterReplica";

    private readonly IDbContextFactory<BackscatterDbContext> _primary;
    private readonly DbContextOptions<BackscatterDbContext>? _replica;

    public ReadReplica(IDbContextFactory<BackscatterDbContext> primary, string? replicaConnectionString)
    {
        ArgumentNullException.ThrowIfNull(primary);
        _primary = primary;
        if (!string.IsNullOrWhiteSpace(replicaConnectionString))
        {
            var options = new DbContextOptionsBuilder<BackscatterDbContext>();
            options.UseBackscatterDatabase(ReadOnly(replicaConnectionString)).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            _replica = options.Options;
        }
    }

    /// <summary>True when reads go to a server of their own (then a report may not be there yet).</summary>
    public bool IsSeparate => _replica is not null;

    public BackscatterDbContext Open() => _replica is null ? _primary.CreateDbContext() : new BackscatterDbContext(_replica);

    /// <summary>The connection string with every transaction read-only, whatever else it says.</summary>
    public static string ReadOnly(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return builder.ConnectionString;
    }
}
