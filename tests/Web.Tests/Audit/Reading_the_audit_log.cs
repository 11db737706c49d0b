using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;
using Backscatter.Web.Tests.Team;

namespace Backscatter.Web.Tests.Audit;

/// <summary>The audit log pages newest first in the database and filters by the area of the change.</summary>
[Collection(TeamCollection.Name)]
public sealed class Reading_the_audit_log(TwoTenants portal)
{
    [Fact]
    public async Task Should_page_newest_first_and_filter_by_area()
    {
        var tenant = await portal.AddTenantAsync();
        var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var db = portal.Database.CreateContext())
        {
            for (var i = 0; i < 30; i++)
            {
                var area = i % 3 == 0 ? "team" : "setup";
                db.AuditEntries.Add(new AuditEntry { TenantId = tenant.Id, At = start.AddMinutes(i), Actor = tenant.OwnerEmail, Action = $"{area}.thing.changed", Summary = $"Change number {i:00}." });
            }

            await db.SaveChangesAsync();
        }

        using var owner = await portal.LogInAsync(tenant.OwnerEmail);

        var first = await owner.GetStringAsync(new Uri("audit", UriKind.Relative));
        var second = await owner.GetStringAsync(new Uri("audit?page=2", UriKind.Relative));
        var team = await owner.GetStringAsync(new Uri("audit?area=team", UriKind.Relative));

        Assert.Contains("30 changes", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf("Change number 29.", StringComparison.Ordinal) < first.IndexOf("Change number 28.", StringComparison.Ordinal));
        Assert.Contains("Change number 05.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Change number 04.", first, StringComparison.Ordinal);
        Assert.Contains("Change number 04.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Change number 05.", second, StringComparison.Ordinal);
        Assert.Contains("10 changes", team, StringComparison.Ordinal);
        Assert.DoesNotContain("Change number 29.", team, StringComparison.Ordinal);
        Assert.Contains("Change number 27.", team, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_tell_a_new_tenant_what_the_log_will_hold()
    {
        var tenant = await portal.AddTenantAsync();
        var email = Teams.UniqueEmail("admin");
        await portal.AddMemberAsync(tenant.Id, email, TenantRoles.Admin);
        using var admin = await portal.LogInAsync(email);

        var page = await admin.GetStringAsync(new Uri("audit", UriKind.Relative));

        Assert.Contains("No changes yet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("audit-entries", page, StringComparison.Ordinal);
    }
}
