using System.Security.Claims;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Isolation;

/// <summary>
/// The contexts the portal hands out (<see cref="TenantDatabase"/>) against another tenant's rows:
/// reads find nothing, bulk changes touch nothing, tracked changes are refused.
/// </summary>
public sealed class Using_a_database_context_of_one_tenant(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    private BackscatterDbContext ContextOf(TenantData tenant)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TenantClaims.TenantId, tenant.TenantId.ToString())], "test"));
        var scope = tenants.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TenantDatabase>().Open(user);
    }

    [Fact]
    public async Task Should_read_only_the_tenants_own_rows_of_every_tenant_owned_entity()
    {
        await using var db = ContextOf(tenants.Alpha);
        var alpha = tenants.Alpha.TenantId;

        Assert.Equal([alpha], await db.Tenants.Select(t => t.Id).ToListAsync());
        Assert.Equal([alpha], await db.Reports.Select(r => r.TenantId).Distinct().ToListAsync());
        Assert.Equal([alpha], await db.TenantMailSettings.Select(s => s.TenantId).ToListAsync());
        Assert.Equal([alpha], await db.TenantBatvKeys.Select(k => k.TenantId).ToListAsync());
        Assert.Equal([alpha], await db.TenantDomains.Select(d => d.TenantId).ToListAsync());
        Assert.Equal([alpha], await db.IngestAddresses.Select(a => a.TenantId).ToListAsync());
        Assert.Null(await db.Reports.FirstOrDefaultAsync(r => r.Id == tenants.Bravo.ReportId));
    }

    [Fact]
    public async Task Should_read_nothing_for_a_visitor_without_a_tenant()
    {
        var scope = tenants.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<TenantDatabase>().Open(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(0, await db.Tenants.CountAsync());
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Equal(0, await db.TenantMailSettings.CountAsync());
    }

    [Fact]
    public async Task Should_change_none_of_another_tenants_rows_in_bulk()
    {
        // Tables the portal writes (its login may not write reports at all; docs/adr/0031).
        await using (var db = ContextOf(tenants.Alpha))
        {
            var relays = await db.TenantMailSettings.Where(s => s.TenantId == tenants.Bravo.TenantId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.OutboundRelays, ["evil.example"]));
            var domains = await db.TenantDomains.Where(d => d.TenantId == tenants.Bravo.TenantId).ExecuteDeleteAsync();
            var keys = await db.TenantBatvKeys.Where(k => k.TenantId == tenants.Bravo.TenantId).ExecuteDeleteAsync();

            Assert.Equal(0, relays);
            Assert.Equal(0, domains);
            Assert.Equal(0, keys);
        }

        await using var all = tenants.Database.CreateContext();
        Assert.Equal(["smtp.bravo.example"], await all.TenantMailSettings.Where(s => s.TenantId == tenants.Bravo.TenantId).Select(s => s.OutboundRelays).SingleAsync());
        Assert.True(await all.TenantDomains.AnyAsync(d => d.TenantId == tenants.Bravo.TenantId));
        Assert.True(await all.TenantBatvKeys.AnyAsync(k => k.TenantId == tenants.Bravo.TenantId));
    }

    [Fact]
    public async Task Should_refuse_to_save_another_tenants_entity_attached_by_hand()
    {
        await using (var db = ContextOf(tenants.Alpha))
        {
            var forged = new TenantMailSettings { TenantId = tenants.Bravo.TenantId, OutboundRelays = ["evil.example"] };
            db.TenantMailSettings.Update(forged);
            db.TenantDomains.Add(new TenantDomain { TenantId = tenants.Bravo.TenantId, Name = "planted.example" });

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var all = tenants.Database.CreateContext();
        var relays = await all.TenantMailSettings.Where(s => s.TenantId == tenants.Bravo.TenantId).Select(s => s.OutboundRelays).SingleAsync();
        Assert.Equal(["smtp.bravo.example"], relays);
        Assert.False(await all.TenantDomains.AnyAsync(d => d.Name == "planted.example"));
    }

    [Fact]
    public async Task Should_still_save_the_tenants_own_changes()
    {
        var at = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        await using (var db = ContextOf(tenants.Alpha))
        {
            var settings = await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId);
            settings.UpdatedAt = at;
            await db.SaveChangesAsync();
        }

        await using var all = tenants.Database.CreateContext();
        Assert.Equal(at, await all.TenantMailSettings.Where(s => s.TenantId == tenants.Alpha.TenantId).Select(s => s.UpdatedAt).SingleAsync());
    }
}
