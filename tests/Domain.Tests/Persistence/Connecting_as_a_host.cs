using System.Net;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Domain.Tests.Persistence;

/// <summary>
/// What a host's own login may do in a migrated database: rows of the application's tables, nothing
/// more (docs/adr/0029). The hosts' own tests run as these logins too, which proves the grants suffice.
/// </summary>
public sealed class Connecting_as_a_host(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    public static TheoryData<string> Logins => new(HostLogin.All.Select(l => l.Username));

    public static TheoryData<string> LoginsOtherThanThePortals => new(HostLogin.Ingest.Username, HostLogin.Feed.Username);

    /// <summary>ASP.NET Identity's tables: the portal's accounts, password hashes among them.</summary>
    private static readonly string[] AccountTables = ["users", "user_claims", "user_logins", "user_tokens", "user_roles", "roles", "role_claims"];

    private static HostLogin Login(string username) => HostLogin.All.Single(l => l.Username == username);

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Should_read_and_write_reports(string username)
    {
        var login = Login(username);
        var tenant = new Tenant { Name = $"Tenant of {username}" };
        var report = new Report
        {
            TenantId = tenant.Id,
            ClientIp = IPAddress.Parse("192.0.2.25"),
            Helo = "mx.example.net",
            MailFrom = "",
            RcptTo = ["demo@in.backscatter.test"],
            ReceivedAt = DateTimeOffset.UtcNow,
            Size = 3,
            Sha256 = RawMessage.Sha256("abc"u8),
        };
        await using (var db = database.CreateContext(login))
        {
            db.Tenants.Add(tenant);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(login))
        {
            var stored = await db.Reports.SingleAsync(r => r.Id == report.Id);
            stored.Status = ReportStatus.Classified;
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(login))
        {
            Assert.Equal(ReportStatus.Classified, (await db.Reports.AsNoTracking().SingleAsync(r => r.Id == report.Id)).Status);
            Assert.Equal(1, await db.Reports.Where(r => r.Id == report.Id).ExecuteDeleteAsync());
            Assert.Equal(1, await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteDeleteAsync());
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
        Assert.Equal(1, await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteDeleteAsync());
    }

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Should_own_nothing_and_be_no_more_than_a_member_of_the_host_role(string username)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionStringFor(Login(username)));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls OR r.rolreplication,
                   pg_has_role(current_user, @hostRole, 'MEMBER'),
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                   has_database_privilege(current_database(), 'CREATE'),
                   has_schema_privilege('public', 'CREATE')
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        query.Parameters.AddWithValue("hostRole", DatabaseOptions.HostRole);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        Assert.False(row.GetBoolean(0), "a role attribute beyond LOGIN");
        Assert.True(row.GetBoolean(1), $"not a member of {DatabaseOptions.HostRole}");
        Assert.Equal(0L, row.GetInt64(2));
        Assert.False(row.GetBoolean(3), "CREATE on the database");
        Assert.False(row.GetBoolean(4), "CREATE on the schema");
    }

    [Fact]
    public async Task Should_reach_the_tables_and_sequences_of_later_migrations()
    {
        // A later migration, run as the schema owner the way the migrator runs them.
        await using (var owner = new NpgsqlConnection(database.ConnectionString))
        {
            await owner.OpenAsync();
            await using var create = new NpgsqlCommand(
                """
                CREATE TABLE later_migration (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text NOT NULL);
                CREATE SEQUENCE later_migration_numbers;
                """, owner);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            foreach (var login in HostLogin.All)
            {
                await ExecuteAsync(login, $"INSERT INTO later_migration (note) VALUES ('{login.Username}')");
                await ExecuteAsync(login, "UPDATE later_migration SET note = note || '.' WHERE note = current_user");
                await ExecuteAsync(login, "SELECT nextval('later_migration_numbers')");
            }

            await using var reader = new NpgsqlConnection(database.ConnectionStringFor(HostLogin.Web));
            await reader.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM later_migration WHERE note LIKE '%.'", reader);
            Assert.Equal((long)HostLogin.All.Count, await count.ExecuteScalarAsync());
            await ExecuteAsync(HostLogin.Feed, "DELETE FROM later_migration");
        }
        finally
        {
            await using var owner = new NpgsqlConnection(database.ConnectionString);
            await owner.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE later_migration; DROP SEQUENCE later_migration_numbers", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task ExecuteAsync(HostLogin login, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionStringFor(login));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
