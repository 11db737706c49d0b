using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

namespace Backscatter.Web.Tests.Replica;

/// <summary>
/// With a read replica configured, the pages of what the pipeline writes read it, and spare the
/// primary; a report not replicated yet is still found; the tenant filter holds there too.
/// </summary>
public sealed class Reading_what_the_pipeline_wrote_from_the_replica(PortalOnAReplica portal) : IClassFixture<PortalOnAReplica>
{
    [Fact]
    public async Task Should_list_the_reports_the_replica_has()
    {
        using var client = await portal.LogInAsync();

        var page = await client.GetStringAsync(new Uri("reports", UriKind.Relative));

        Assert.Contains(portal.Tenant.Subject, page, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalOnAReplica.NotYetReplicatedSubject, page, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.Other.Subject, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_still_show_a_report_the_replica_has_not_received_yet()
    {
        using var client = await portal.LogInAsync();

        using var page = await client.GetAsync(new Uri($"reports/{portal.NotYetReplicatedId}", UriKind.Relative));
        using var raw = await client.GetAsync(new Uri($"reports/{portal.NotYetReplicatedId}/raw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(PortalOnAReplica.NotYetReplicatedSubject, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Contains(PortalOnAReplica.NotYetReplicatedSubject, await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_404_for_another_tenants_report_on_the_replica()
    {
        using var client = await portal.LogInAsync();

        using var page = await client.GetAsync(new Uri($"reports/{portal.Other.ReportId}", UriKind.Relative));
        using var raw = await client.GetAsync(new Uri($"reports/{portal.Other.ReportId}/raw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(portal.Other.Subject, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
    }

    [Fact]
    public async Task Should_look_up_an_address_on_the_replica()
    {
        using var anonymous = portal.Anonymous();

        var page = await anonymous.GetStringAsync(new Uri($"lookup/{PortalOnAReplica.ListedOnTheReplica}", UriKind.Relative));

        Assert.Contains($"{PortalOnAReplica.ListedOnTheReplica} is listed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_any_write_through_the_replica()
    {
        var replica = portal.Services.GetRequiredService<ReadReplica>();
        await using var db = replica.Open();
        db.Tenants.Add(new Tenant { Id = Guid.CreateVersion7(), Name = "Written through the replica" });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(replica.IsSeparate);
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
    }

    [Fact]
    public async Task Should_be_ready_only_with_the_replica_reachable()
    {
        using var anonymous = portal.Anonymous();

        var ready = await anonymous.GetStringAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Contains("postgresql-replica", ready, StringComparison.Ordinal);
    }
}
