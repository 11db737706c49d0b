using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Reports;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Reports;

/// <summary>
/// The portal's background pass closes past days for every tenant, so that the first overview after a
/// long pause reads rollups; it closes what a render would, and nothing else.
/// </summary>
public sealed class Closing_past_days_in_the_background(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Fact]
    public async Task Should_close_a_tenants_past_day_before_anyone_opens_the_overview()
    {
        var charlie = await tenants.NewTenantAsync("Charlie");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var past = today.AddDays(-10);
        var waiting = today.AddDays(-12);
        var tooOld = today.AddDays(-ReportDayRollups.MaxDays - 5);
        await using (var db = tenants.Database.CreateContext())
        {
            await ReportRows.InsertAsync(db, charlie.TenantId, past, 2, "Backscatter", "198.51.100.9", "Classified");
            await ReportRows.InsertAsync(db, charlie.TenantId, waiting, 1, "Backscatter", "198.51.100.9", "Classified");
            await ReportRows.InsertAsync(db, charlie.TenantId, waiting, 1, null, null, "Received");
            await ReportRows.InsertAsync(db, charlie.TenantId, tooOld, 1, "Legitimate", null, "Classified");
        }

        var looked = await tenants.Services.GetRequiredService<ReportDayCloser>().CloseDueDaysAsync(CancellationToken.None);

        Assert.True(looked >= 3, $"looked at {looked} tenants: Alpha, Bravo and Charlie at least");
        await using var check = tenants.Database.CreateContext();
        check.RestrictToTenant(charlie.TenantId);
        var days = (await check.ReportDays.ToListAsync()).Select(d => (d.Day, d.Kind, d.Judgement, d.Count)).ToList();
        var reflectors = (await check.ReflectorDays.ToListAsync()).Select(d => (d.Day, d.Ip.ToString(), d.Count)).ToList();
        // The waiting day stays open (a report is not classified yet); a day beyond the overview's longest period is never read.
        Assert.Equal([(past, MessageKind.DeliveryStatusNotification, Judgement.Backscatter, 2)], days);
        Assert.Equal([(past, "198.51.100.9", 2)], reflectors);
    }
}
