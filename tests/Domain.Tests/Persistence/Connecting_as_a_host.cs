using System.Net;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Domain.Tests.Persistence;

/// <summary>
/// What a host's own login may do in a migrated database: the rows of the tables its host's code uses,
/// as its map says, nothing more (docs/adr/0029, 0031). The hosts' own tests run as these logins too,
/// which proves the grants suffice.
/// </summary>
public sealed class Connecting_as_a_host(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    public static TheoryData<string> Logins => new(HostLogin.All.Select(l => l.Username));

    public static TheoryData<string> LoginsOtherThanThePortals => new(HostLogin.Ingest.Username, HostLogin.Feed.Username);

    /// <summary>ASP.NET Identity's tables: the portal's accounts, password hashes among them.</summary>
    private static readonly string[] AccountTables = ["users", "user_claims", "user_logins", "user_tokens", "user_roles", "roles", "role_claims"];

    private static HostLogin Login(string username) => HostLogin.All.Single(l => l.Username == username);

    /// <summary>
    /// Each host's map (docs/adr/0031): what its code reads and writes, table by table, in the order
    /// web, ingest, feed; "" for none. S, I, U, D: SELECT, INSERT, UPDATE, DELETE. Every table but the
    /// migration history and the accounts (<see cref="AccountTables"/>) is here.
    /// </summary>
    public static TheoryData<string, string, string, string> Map => new()
    {
        { "tenants", "SI", "S", "" },
        { "tenant_domains", "SID", "S", "" },
        { "tenant_mail_settings", "SIU", "S", "" },
        { "tenant_batv_keys", "SIUD", "S", "" },
        { "ingest_addresses", "SI", "S", "" },
        { "ingest_domains", "SIUD", "S", "" },
        { "invitations", "SIU", "", "" },
        { "audit_entries", "SIU", "SI", "" },
        { "alert_channels", "SIUD", "S", "" },
        { "alert_deliveries", "S", "SIU", "" },
        { "reports", "S", "SIUD", "" },
        { "report_days", "SI", "", "" },
        { "reflector_days", "SI", "", "" },
        { "reflector_sightings", "S", "SIUD", "S" },
        { "reflectors", "S", "SIU", "" },
        { "tracked_reports", "", "SID", "" },
        { "tenant_activity", "", "SIU", "" },
        { "incidents", "SU", "SIU", "" },
        { "incident_campaigns", "S", "SIU", "" },
        { "incident_minutes", "S", "SIU", "" },
        { "outbox_messages", "", "SIUD", "" },
        { "listings", "S", "", "SIU" },
        { "listing_history", "S", "", "SI" },
        { "data_protection_keys", "SI", "SI", "" },
        { "portal_data_protection_keys", "SI", "", "" },
    };

    [Theory]
    [MemberData(nameof(Map))]
    public async Task Should_let_each_host_do_to_a_table_exactly_what_its_map_says(string table, string web, string ingest, string feed)
    {
        var column = await FirstColumnAsync(table);
        // Statements that touch no row: the privilege is checked all the same, and no constraint stands in the way.
        (char Privilege, string Sql)[] statements =
        [
            ('S', $"SELECT count(*) FROM {table}"),
            ('I', $"INSERT INTO {table} SELECT * FROM {table} WHERE false"),
            ('U', $"UPDATE {table} SET {column} = {column} WHERE false"),
            ('D', $"DELETE FROM {table} WHERE false"),
        ];
        var wrong = new List<string>();
        foreach (var (login, allowed) in new[] { (HostLogin.Web, web), (HostLogin.Ingest, ingest), (HostLogin.Feed, feed) })
        {
            foreach (var (privilege, sql) in statements)
            {
                // INSERT ... SELECT reads the table too: without SELECT it is refused whatever INSERT says.
                var expected = allowed.Contains(privilege, StringComparison.Ordinal) && (privilege != 'I' || allowed.Contains('S', StringComparison.Ordinal));
                var refused = await RefusedAsync(login, sql);
                if (refused == expected)
                {
                    wrong.Add($"{login}: {sql} {(refused ? "refused" : "allowed")}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Should_grant_every_table_to_some_host()
    {
        await using var owner = new NpgsqlConnection(database.ConnectionString);
        await owner.OpenAsync();
        Assert.Empty(await TablesOfNoHostAsync(owner));
        var mapped = Map.Select(row => (string)row[0]).Concat(AccountTables).Order(StringComparer.Ordinal);
        Assert.Equal(mapped, (await TablesAsync(owner)).Where(t => t != "__EFMigrationsHistory"));
    }

    [Fact]
    public async Task Should_open_a_table_of_a_later_migration_to_no_host_until_that_migration_grants_it()
    {
        // A later migration, run as the schema owner the way the migrator runs them, that forgets its grants.
        await using var owner = new NpgsqlConnection(database.ConnectionString);
        await owner.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE later_migration (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)", owner))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            foreach (var login in HostLogin.All)
            {
                Assert.True(await RefusedAsync(login, "SELECT count(*) FROM later_migration"), $"{login} reads it");
                Assert.True(await RefusedAsync(login, "INSERT INTO later_migration (note) VALUES (current_user)"), $"{login} writes it");
            }

            Assert.Equal(["later_migration"], await TablesOfNoHostAsync(owner));

            // Granted to one host, it is that host's alone; identity columns need no grant on their sequence.
            await using (var grant = new NpgsqlCommand($"GRANT SELECT, INSERT ON later_migration TO {DatabaseOptions.FeedRole}", owner))
            {
                await grant.ExecuteNonQueryAsync();
            }

            Assert.False(await RefusedAsync(HostLogin.Feed, "INSERT INTO later_migration (note) VALUES (current_user)"));
            Assert.True(await RefusedAsync(HostLogin.Ingest, "SELECT count(*) FROM later_migration"));
            Assert.Empty(await TablesOfNoHostAsync(owner));
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DROP TABLE later_migration", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Should_not_create_alter_or_drop_tables(string username)
    {
        string[] refused =
        [
            "CREATE TABLE intruder (id int)",
            "CREATE TABLE public.reports_copy AS SELECT * FROM reports",
            "ALTER TABLE reports ADD COLUMN intruder int",
            "CREATE INDEX ix_intruder ON reports (received_at)",
            "DROP TABLE reports",
            "TRUNCATE reports",
            "CREATE FUNCTION public.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE SCHEMA intruder",
            "CREATE ROLE intruder",
        ];

        foreach (var sql in refused)
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Login(username), sql));
            Assert.True(refusal.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refusal.SqlState} {refusal.MessageText}");
        }

        // Nothing of the attempts was left behind, and the table is whole.
        await using var owner = new NpgsqlConnection(database.ConnectionString);
        await owner.OpenAsync();
        await using var columns = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'intruder'", owner);
        Assert.Equal(0L, await columns.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Should_neither_read_nor_write_the_migration_history(string username)
    {
        foreach (var sql in new[]
        {
            """SELECT count(*) FROM "__EFMigrationsHistory" """,
            """DELETE FROM "__EFMigrationsHistory" """,
        })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Login(username), sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
        }
    }

    [Theory]
    [MemberData(nameof(LoginsOtherThanThePortals))]
    public async Task Should_keep_the_portals_accounts_from_the_ingest_and_the_feed(string username)
    {
        foreach (var table in AccountTables)
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Login(username), $"SELECT count(*) FROM {table}"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
        }
    }

    [Fact]
    public async Task Should_let_the_ingest_read_the_tenants_key_ring_but_not_the_portals()
    {
        // The tenants' secrets, which the Ingest decrypts; the portal's cookies, which it could forge (docs/adr/0034).
        await ExecuteAsync(HostLogin.Ingest, "SELECT xml FROM data_protection_keys");
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(HostLogin.Ingest, "SELECT xml FROM portal_data_protection_keys"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    [Fact]
    public async Task Should_let_the_portal_read_and_write_its_accounts()
    {
        await using var db = database.CreateContext(HostLogin.Web);
        var tenant = new Tenant { Name = "Accounts" };
        var user = new PortalUser { TenantId = tenant.Id, UserName = "owner@example.com", Email = "owner@example.com" };
        db.Tenants.Add(tenant);
        db.Users.Add(user);
        await db.SaveChangesAsync();

        Assert.Equal(user.Id, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id)).Id);
        Assert.NotEmpty(await db.Roles.AsNoTracking().ToListAsync());
        foreach (var table in AccountTables)
        {
            await ExecuteAsync(HostLogin.Web, $"SELECT count(*) FROM {table}");
        }

        Assert.Equal(1, await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync());
        await using var owner = database.CreateContext();
        Assert.Equal(1, await owner.Tenants.Where(t => t.Id == tenant.Id).ExecuteDeleteAsync());
    }

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Should_own_nothing_and_be_no_more_than_a_member_of_its_hosts_role(string username)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionStringFor(Login(username)));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls OR r.rolreplication,
                   pg_has_role(current_user, @hostRole, 'MEMBER'),
                   (SELECT count(*) FROM unnest(@otherRoles) AS o(name) WHERE pg_has_role(current_user, o.name, 'MEMBER')),
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                   has_database_privilege(current_database(), 'CREATE'),
                   has_schema_privilege('public', 'CREATE')
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        query.Parameters.AddWithValue("hostRole", Login(username).Role);
        query.Parameters.AddWithValue("otherRoles", HostLogin.All.Where(l => l.Username != username).Select(l => l.Role).ToArray());
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        Assert.False(row.GetBoolean(0), "a role attribute beyond LOGIN");
        Assert.True(row.GetBoolean(1), $"not a member of {Login(username).Role}");
        Assert.Equal(0L, row.GetInt64(2));
        Assert.Equal(0L, row.GetInt64(3));
        Assert.False(row.GetBoolean(4), "CREATE on the database");
        Assert.False(row.GetBoolean(5), "CREATE on the schema");
    }

    private async Task ExecuteAsync(HostLogin login, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionStringFor(login));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<bool> RefusedAsync(HostLogin login, string sql)
    {
        try
        {
            await ExecuteAsync(login, sql);
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return true;
        }
    }

    private async Task<string> FirstColumnAsync(string table)
    {
        await using var owner = new NpgsqlConnection(database.ConnectionString);
        await owner.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position LIMIT 1", owner);
        query.Parameters.AddWithValue("table", table);
        return (string)(await query.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No table {table}."));
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection owner) =>
        await ListAsync(owner, "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE \"C\"");

    // Tables that none of the hosts' roles may touch at all: a migration that forgot its grants.
    private static async Task<List<string>> TablesOfNoHostAsync(NpgsqlConnection owner)
    {
        var roles = string.Join(", ", new[] { DatabaseOptions.WebRole, DatabaseOptions.IngestRole, DatabaseOptions.FeedRole, DatabaseOptions.PortalRole }.Select(r => $"'{r}'"));
        return await ListAsync(owner,
            $"""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '__EFMigrationsHistory'
              AND NOT EXISTS (SELECT FROM unnest(ARRAY[{roles}]) AS r(name)
                              WHERE has_table_privilege(r.name, c.oid, 'SELECT, INSERT, UPDATE, DELETE'))
            ORDER BY c.relname COLLATE "C"
            """);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection owner, string sql)
    {
        await using var query = new NpgsqlCommand(sql, owner);
        await using var reader = await query.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
