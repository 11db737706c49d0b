using Backscatter.Domain.Persistence;

using Npgsql;

namespace Backscatter.Testing;

/// <summary>
/// A host's own PostgreSQL login, a member of its host's group role, which reads and writes only the
/// tables that host's code does (scripts/services.sh creates them; docs/adr/0029, 0031). Hosts in tests run as these, so
/// that a missing grant fails real tests; migrations and test set-up run as the schema owner.
/// </summary>
public sealed record HostLogin(string Username, string Password, string Role)
{
    public static HostLogin Web { get; } = Of("web", DatabaseOptions.WebRole);

    public static HostLogin Ingest { get; } = Of("ingest", DatabaseOptions.IngestRole);

    public static HostLogin Feed { get; } = Of("feed", DatabaseOptions.FeedRole);

    public static IReadOnlyList<HostLogin> All { get; } = [Web, Ingest, Feed];

    /// <summary>The same server and database as <paramref name="ownerConnectionString"/>, as this login.</summary>
    public string ConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = Username, Password = Password }.ConnectionString;

    public override string ToString() => Username;

    // The names and passwords scripts/services.sh gives them.
    private static HostLogin Of(string host, string role)
    {
        var username = $"{Environment.GetEnvironmentVariable("BACKSCATTER_PG_USER") ?? "backscatter"}_{host}";
        var password = Environment.GetEnvironmentVariable($"BACKSCATTER_PG_{host.ToUpperInvariant()}_PASSWORD") ?? username;
        return new HostLogin(username, password, role);
    }
}
