using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Reports;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Web.Tests.Reports;

/// <summary>
/// The indexes on what classification found hold classified rows only (partial: storing a message
/// at acceptance does not maintain them). PostgreSQL uses such an index only for a query whose
/// condition implies the index's predicate, so each filter of the reports list is planned with only
/// its own indexes left (dropped in a transaction that is rolled back) and sequential scans off.
/// </summary>
public sealed class Filtering_on_what_classification_found(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Theory]
    [InlineData("kind", "ix_reports_tenant_id_kind_received_at")]
    [InlineData("verdict", "ix_reports_tenant_id_judgement_received_at")]
    [InlineData("reason", "ix_reports_tenant_id_reason_received_at")]
    [InlineData("verdict and reason", "ix_reports_tenant_id_judgement_reason_received_at")]
    [InlineData("reflector", "ix_reports_tenant_id_reflector_ip_received_at")]
    [InlineData("complete address", "ix_reports_tenant_id_bounced_to", "ix_reports_tenant_id_original_message_id")]
    [InlineData("text", "ix_reports_bounced_to", "ix_reports_original_subject", "ix_reports_original_message_id")]
    public async Task Should_be_answered_from_its_partial_indexes(string filter, params string[] indexes)
    {
        var plan = await PlanAsync(FilterOf(filter), indexes);

        Assert.All(indexes, index => Assert.Contains(index, plan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_not_find_the_partial_indexes_usable_without_a_filter_on_their_columns()
    {
        // The check above can fail: a query that does not imply the predicate cannot use the index.
        var plan = await PlanAsync(new ReportFilter(), ["ix_reports_tenant_id_kind_received_at"]);

        Assert.DoesNotContain("ix_reports_tenant_id_kind_received_at", plan, StringComparison.Ordinal);
    }

    private static ReportFilter FilterOf(string name) => name switch
    {
        "kind" => new() { Kind = MessageKind.ChallengeResponse },
        "verdict" => new() { Verdict = Judgement.Legitimate },
        "reason" => new() { Reason = "mailboxfull" },
        "verdict and reason" => new() { Verdict = Judgement.Backscatter, Reason = "userunknown" },
        "reflector" => new() { Reflector = "198.51.100.7" },
        "complete address" => new() { Search = "bob@shop.example" },
        "text" => new() { Search = "invoice 4711" },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The plan of the reports list's page query, with only <paramref name="keep"/> and the primary key as indexes.</summary>
    private async Task<string> PlanAsync(ReportFilter filter, string[] keep)
    {
        await using var db = tenants.Database.CreateContext();
        var tenant = tenants.Alpha.TenantId;
        var page = filter.Apply(db.Reports.Where(r => r.TenantId == tenant))
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(25).Select(r => r.Id);
        await using var query = page.CreateDbCommand();

        await using var connection = new NpgsqlConnection(tenants.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var others = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'reports' AND indexname <> 'pk_reports' AND NOT indexname = ANY(@keep)",
            connection,
            transaction))
        {
            list.Parameters.AddWithValue("keep", keep);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                others.Add(reader.GetString(0));
            }
        }

        var drops = string.Concat(others.Select(name => $"DROP INDEX \"{name}\"; "));
        await using (var setUp = new NpgsqlCommand(drops + "SET LOCAL enable_seqscan = off", connection, transaction))
        {
            await setUp.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + query.CommandText, connection, transaction);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return string.Join('\n', plan);
    }
}
