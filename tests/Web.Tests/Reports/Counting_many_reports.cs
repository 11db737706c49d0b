using System.Text.RegularExpressions;

using Backscatter.Web.Reports;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reports;

/// <summary>
/// A tenant with more reports than the list counts: the count stops at <see cref="ReportSearch.CountLimit"/>
/// and says "more than", a narrower filter is counted exactly, and paging stops where counting stops.
/// </summary>
public sealed partial class Counting_many_reports(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    private const int AutoReplies = 3;

    public async Task InitializeAsync()
    {
        await using var db = tenants.Database.CreateContext();
        if (await db.Reports.CountAsync() > ReportSearch.CountLimit)
        {
            return;
        }

        var alpha = tenants.Alpha.TenantId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, status, duplicate_count, kind, judgement, reason, bounced_to, original_subject)
            SELECT gen_random_uuid(), {alpha}, '192.0.2.1', 'mx.example.net', '', ARRAY['alpha-x7k2@in.backscatter.test'],
                   now() - n * interval '1 minute', 1000, decode(md5(n::text) || md5(n::text), 'hex'), 'Classified', 0,
                   CASE WHEN n <= {AutoReplies} THEN 'AutoReply' ELSE 'DeliveryStatusNotification' END, 'Backscatter',
                   CASE WHEN n <= {AutoReplies} THEN 'vacation' ELSE 'userunknown' END, 'u' || n || '@alpha.example', 'Bulk ' || n
            FROM generate_series(1, {ReportSearch.CountLimit + 50}) AS n
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_say_more_than_the_count_limit_when_more_reports_match()
    {
        var page = await PageOfAsync("reports");

        Assert.Equal("More than 10,000 reports", StatusOf(page));
    }

    [Fact]
    public async Task Should_count_a_narrower_filter_exactly()
    {
        var page = await PageOfAsync("reports?kind=AutoReply");

        Assert.Equal($"{AutoReplies} reports", StatusOf(page));
    }

    [Fact]
    public async Task Should_stop_paging_where_counting_stops()
    {
        var last = ReportSearch.LastPageIndex(25) + 1;

        var beyond = await PageOfAsync("reports?page=100000");
        var lastPage = await PageOfAsync($"reports?page={last}");

        Assert.Contains("Paging stops here", beyond, StringComparison.Ordinal);
        Assert.Equal(SubjectsOf(lastPage), SubjectsOf(beyond));
        Assert.Equal(25, SubjectsOf(lastPage).Count);
    }

    [Fact]
    public async Task Should_find_a_report_by_part_of_its_recipient_among_many()
    {
        var page = await PageOfAsync("reports?q=u10017%40alpha");

        Assert.Equal("1 report", StatusOf(page));
        Assert.Equal(["Bulk 10017"], SubjectsOf(page));
    }

    private async Task<string> PageOfAsync(string path)
    {
        using var client = await tenants.LogInAsync(tenants.Alpha);
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    private static string StatusOf(string page) => System.Net.WebUtility.HtmlDecode(Status().Match(page).Groups[1].Value).Trim();

    private static List<string> SubjectsOf(string page) => [.. Subject().Matches(page).Select(m => m.Value).Distinct()];

    [GeneratedRegex("role=\"status\"[^>]*>([^<]*)<")]
    private static partial Regex Status();

    [GeneratedRegex(@"Bulk \d+")]
    private static partial Regex Subject();
}
