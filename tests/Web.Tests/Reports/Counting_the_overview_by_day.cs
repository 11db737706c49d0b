using System.Text.RegularExpressions;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reports;

/// <summary>
/// The overview counts a closed day once into the day rollups and today from its reports; a day whose
/// reports still wait for classification stays open; either way the numbers are the reports' numbers.
/// </summary>
public sealed partial class Counting_the_overview_by_day(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly Closed = Today.AddDays(-3);
    private static readonly DateOnly Waiting = Today.AddDays(-5);

    public async Task InitializeAsync()
    {
        await using var db = tenants.Database.CreateContext();
        if (await db.Reports.CountAsync() > 2)
        {
            return;
        }

        // Alpha: 4 on the closed day (3 backscatter from one reflector, 1 legitimate), 2 on the waiting day
        // plus one not classified yet, and the fixture's own report today.
        await InsertAsync(db, Closed, 3, "Backscatter", "198.51.100.7", "Classified");
        await InsertAsync(db, Closed, 1, "Legitimate", null, "Classified");
        await InsertAsync(db, Waiting, 2, "Backscatter", "198.51.100.8", "Classified");
        await InsertAsync(db, Waiting, 1, null, null, "Received");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_show_the_same_numbers_as_the_reports_before_and_after_closing_days()
    {
        var first = await OverviewAsync();
        var second = await OverviewAsync();

        Assert.Equal(("7", "6", "1"), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Should_close_a_past_day_into_counts_by_kind_verdict_and_reflector()
    {
        await OverviewAsync();

        await using var db = tenants.Database.CreateContext();
        db.RestrictToTenant(tenants.Alpha.TenantId);
        var days = (await db.ReportDays.Where(d => d.Day == Closed).ToListAsync())
            .Select(d => (d.Kind, d.Judgement, d.Count)).OrderBy(d => d.Judgement).ToList();
        var reflectors = (await db.ReflectorDays.Where(d => d.Day == Closed).ToListAsync()).Select(d => (d.Ip.ToString(), d.Count)).ToList();
        Assert.Equal(
            [(MessageKind.DeliveryStatusNotification, Judgement.Backscatter, 3), (MessageKind.DeliveryStatusNotification, Judgement.Legitimate, 1)],
            days);
        Assert.Equal([("198.51.100.7", 3)], reflectors);
    }

    [Fact]
    public async Task Should_keep_today_and_a_day_with_unclassified_reports_open()
    {
        await OverviewAsync();

        await using var db = tenants.Database.CreateContext();
        db.RestrictToTenant(tenants.Alpha.TenantId);
        Assert.False(await db.ReportDays.AnyAsync(d => d.Day == Waiting || d.Day == Today));
        Assert.False(await db.ReflectorDays.AnyAsync(d => d.Day == Waiting || d.Day == Today));
    }

    [Fact]
    public async Task Should_never_close_a_day_into_another_tenants_counts()
    {
        await OverviewAsync();
        using var bravo = await tenants.LogInAsync(tenants.Bravo);
        var page = await bravo.GetStringAsync(new Uri("overview", UriKind.Relative));

        Assert.Equal("1", CountOf(page, "count-total"));
        Assert.DoesNotContain("198.51.100.7", page, StringComparison.Ordinal);
    }

    private async Task<(string Total, string Backscatter, string Legitimate)> OverviewAsync()
    {
        using var client = await tenants.LogInAsync(tenants.Alpha);
        var page = await client.GetStringAsync(new Uri("overview", UriKind.Relative));
        Assert.Contains("198.51.100.7", page, StringComparison.Ordinal);
        return (CountOf(page, "count-total"), CountOf(page, "count-backscatter"), CountOf(page, "count-legitimate"));
    }

    private Task InsertAsync(BackscatterDbContext db, DateOnly day, int count, string? judgement, string? reflector, string status) =>
        ReportRows.InsertAsync(db, tenants.Alpha.TenantId, day, count, judgement, reflector, status);

    private static string CountOf(string page, string testId) =>
        Count().Matches(page).Where(m => m.Groups[1].Value == testId).Select(m => m.Groups[2].Value.Trim()).SingleOrDefault() ?? "";

    [GeneratedRegex("data-testid=\"(count-[a-z]+)\"[^>]*>([^<]*)<")]
    private static partial Regex Count();
}
