using System.Net;

using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Classification;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// The batch store on a real database: one statement stores a batch's classifications and counts
/// its reflectors, idempotent by report id, so a batch delivered again (or twice at once) never
/// counts a report twice.
/// </summary>
public sealed class Storing_classified_reports_in_batches(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    private static readonly HostNameList IngestHosts = new(["in.backscatter.test", "*.in.backscatter.test"]);

    private NpgsqlDataSource _dataSource = null!;

    public Task InitializeAsync()
    {
        // The store as the Ingest runs it: its own login.
        _dataSource = NpgsqlDataSource.Create(database.ConnectionStringFor(HostLogin.Ingest));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private PostgresClassificationStore Store => new(_dataSource);

    private async Task<Guid> NewTenantAsync()
    {
        await using var db = database.CreateContext();
        var tenant = new Tenant { Name = "Batched" };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    /// <summary>Stores forwarded corpus bounces from the reflector as received reports and classifies them in memory.</summary>
    private async Task<List<ClassifiedReport>> ReceiveAsync(Guid tenantId, string reflectorIp, int count)
    {
        var tenant = new TenantMailSettings
        {
            TenantId = tenantId,
            OutboundRelays = ["smtp.tenant.example", "198.18.0.0/15"],
            TrustedInboundHosts = ["mx1.tenant.example"],
        }.ToConfiguration(["tenant.example"], []);
        var reports = Enumerable.Range(0, count).Select(i =>
        {
            var raw = ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", reflectorIp, $"H{i}");
            return new Report
            {
                TenantId = tenantId,
                ClientIp = IPAddress.Parse("198.51.100.7"),
                Helo = "mx1.tenant.example",
                MailFrom = "",
                RcptTo = ["batched@in.backscatter.test"],
                ReceivedAt = Now,
                Size = raw.Length,
                Sha256 = RawMessage.Sha256(raw),
                RawMessageCompressed = RawMessage.Compress(raw),
            };
        }).ToList();
        await using (var db = database.CreateContext())
        {
            db.Reports.AddRange(reports);
            await db.SaveChangesAsync();
        }

        var waiting = (await Store.LoadAsync([.. reports.Select(r => r.Id)], held: null, CancellationToken.None)).Waiting;
        return [.. waiting.Select(r => ClassifiedReport.Classify(r, tenant, IngestHosts, DateOnly.FromDateTime(Now.UtcDateTime)))];
    }

    private async Task<(long Reflector, int Sightings)> CountsAsync(string reflectorIp)
    {
        await using var db = database.CreateContext();
        var ip = IPAddress.Parse(reflectorIp);
        var reflector = await db.Reflectors.AsNoTracking().Where(r => r.Ip == ip).Select(r => r.BackscatterCount).SingleOrDefaultAsync();
        var sightings = await db.ReflectorSightings.AsNoTracking().Where(s => s.Ip == ip).SumAsync(s => s.Count);
        return (reflector, sightings);
    }

    [Fact]
    public async Task Should_store_every_report_of_the_batch_and_count_the_reflector_once_per_report()
    {
        var tenant = await NewTenantAsync();
        var batch = await ReceiveAsync(tenant, "81.2.69.201", 5);

        var stored = await Store.StoreAsync(batch, Now, CancellationToken.None);

        Assert.Equal(batch.Select(r => r.Report.Id).Order(), stored.Order());
        Assert.Equal((5L, 5), await CountsAsync("81.2.69.201"));
        await using var db = database.CreateContext();
        var reports = await db.Reports.AsNoTracking().Where(r => r.TenantId == tenant).ToListAsync();
        Assert.All(reports, r =>
        {
            Assert.Equal(ReportStatus.Classified, r.Status);
            Assert.Equal(Judgement.Backscatter, r.Judgement);
            Assert.Equal(IPAddress.Parse("81.2.69.201"), r.ReflectorIp);
            Assert.Equal("userunknown", r.Reason);
            Assert.Contains("\"evidence\"", r.Details, StringComparison.Ordinal);
        });
        var reflector = await db.Reflectors.AsNoTracking().SingleAsync(r => r.Ip == IPAddress.Parse("81.2.69.201"));
        Assert.Equal("mail.reflector.example", reflector.Host);
    }

    [Fact]
    public async Task Should_not_count_a_batch_again_when_it_is_delivered_again()
    {
        var tenant = await NewTenantAsync();
        var batch = await ReceiveAsync(tenant, "81.2.69.202", 4);

        await Store.StoreAsync(batch, Now, CancellationToken.None);
        var again = await Store.StoreAsync(batch, Now.AddSeconds(5), CancellationToken.None);

        Assert.Empty(again);
        Assert.Equal((4L, 4), await CountsAsync("81.2.69.202"));
    }

    [Fact]
    public async Task Should_name_the_reports_a_batch_delivered_again_finds_classified_as_they_were_announced()
    {
        var tenant = await NewTenantAsync();
        var batch = await ReceiveAsync(tenant, "81.2.69.206", 3);
        var stored = await Store.StoreAsync(batch.Take(2).ToList(), Now, CancellationToken.None);

        var again = await Store.LoadAsync([.. batch.Select(r => r.Report.Id)], held: null, CancellationToken.None);

        Assert.Equal(batch[2].Report.Id, Assert.Single(again.Waiting).Id);
        Assert.Equal(
            batch.Take(2).Select(r => r.ToEvent(Now)).OrderBy(e => e.ReportId),
            again.ClassifiedBefore.OrderBy(e => e.ReportId));
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task Should_classify_a_held_message_without_reading_it_again()
    {
        var tenant = await NewTenantAsync();
        var batch = await ReceiveAsync(tenant, "81.2.69.207", 2);
        var held = new Dictionary<Guid, byte[]> { [batch[0].Report.Id] = "Subject: held\r\n\r\nheld\r\n"u8.ToArray() };

        var loaded = await Store.LoadAsync([.. batch.Select(r => r.Report.Id)], held, CancellationToken.None);

        var fromMemory = loaded.Waiting.Single(r => r.Id == batch[0].Report.Id);
        var fromDatabase = loaded.Waiting.Single(r => r.Id == batch[1].Report.Id);
        Assert.Same(held[batch[0].Report.Id], fromMemory.Raw);
        Assert.Null(fromMemory.RawMessageCompressed);
        Assert.Null(fromDatabase.Raw);
        Assert.NotNull(fromDatabase.RawMessageCompressed);
    }

    [Fact]
    public async Task Should_count_each_report_once_when_two_deliveries_store_it_at_once()
    {
        var tenant = await NewTenantAsync();
        var batch = await ReceiveAsync(tenant, "81.2.69.203", 6);

        var both = await Task.WhenAll(
            Store.StoreAsync(batch, Now, CancellationToken.None),
            Store.StoreAsync([.. batch.AsEnumerable().Reverse()], Now, CancellationToken.None));

        Assert.Empty(both[0].Intersect(both[1]));
        Assert.Equal(6, both[0].Count + both[1].Count);
        Assert.Equal((6L, 6), await CountsAsync("81.2.69.203"));
    }

    [Fact]
    public async Task Should_sum_a_wave_per_reflector_and_tenant()
    {
        var first = await NewTenantAsync();
        var second = await NewTenantAsync();
        List<ClassifiedReport> batch =
        [
            .. await ReceiveAsync(first, "81.2.69.204", 3),
            .. await ReceiveAsync(second, "81.2.69.204", 2),
            .. await ReceiveAsync(second, "81.2.69.205", 1),
        ];

        await Store.StoreAsync(batch, Now, CancellationToken.None);

        await using var db = database.CreateContext();
        var sightings = await db.ReflectorSightings.AsNoTracking()
            .Where(s => s.TenantId == first || s.TenantId == second)
            .ToListAsync();
        Assert.Equal(3, sightings.Count);
        Assert.Equal(3, sightings.Single(s => s.TenantId == first && s.Ip.Equals(IPAddress.Parse("81.2.69.204"))).Count);
        Assert.Equal(2, sightings.Single(s => s.TenantId == second && s.Ip.Equals(IPAddress.Parse("81.2.69.204"))).Count);
        Assert.Equal(1, sightings.Single(s => s.TenantId == second && s.Ip.Equals(IPAddress.Parse("81.2.69.205"))).Count);
        Assert.Equal((5L, 5), await CountsAsync("81.2.69.204"));
    }
}
