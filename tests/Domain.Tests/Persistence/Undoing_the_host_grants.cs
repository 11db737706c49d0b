using Backscatter.Domain.Persistence;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using Npgsql;

namespace Backscatter.Domain.Tests.Persistence;

/// <summary>
/// The HostGrants migration's Down gives the tables back to the shared role as HostAccessRole left
/// them, and its Up takes them away again (docs/adr/0031).
/// </summary>
public sealed class Undoing_the_host_grants(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private const string BeforeHostGrants = "20261127192029_HostAccessRole";

    [Fact]
    public async Task Should_give_the_shared_role_every_table_back_and_take_it_again()
    {
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeHostGrants);
        }

        Assert.Equal((true, false, false, false), await PrivilegesAsync("tenants"));
        Assert.Equal((true, false, false, false), await PrivilegesAsync("listings"));
        Assert.Equal((false, false, false, false), await PrivilegesAsync("users"));

        await database.MigrateAsync();

        Assert.Equal((false, false, true, false), await PrivilegesAsync("tenants"));
        Assert.Equal((false, false, false, true), await PrivilegesAsync("listings"));
        Assert.Equal((false, false, false, false), await PrivilegesAsync("users"));
    }

    /// <summary>Whether the shared role and each host's role may insert into the table.</summary>
    private async Task<(bool Shared, bool Ingest, bool Web, bool Feed)> PrivilegesAsync(string table)
    {
        await using var owner = new NpgsqlConnection(database.ConnectionString);
        await owner.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT has_table_privilege(@shared, @table, 'INSERT'), has_table_privilege(@ingest, @table, 'INSERT'), "
            + "has_table_privilege(@web, @table, 'INSERT'), has_table_privilege(@feed, @table, 'INSERT')", owner);
        query.Parameters.AddWithValue("shared", DatabaseOptions.HostRole);
        query.Parameters.AddWithValue("ingest", DatabaseOptions.IngestRole);
        query.Parameters.AddWithValue("web", DatabaseOptions.WebRole);
        query.Parameters.AddWithValue("feed", DatabaseOptions.FeedRole);
        query.Parameters.AddWithValue("table", table);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return (row.GetBoolean(0), row.GetBoolean(1), row.GetBoolean(2), row.GetBoolean(3));
    }
}
