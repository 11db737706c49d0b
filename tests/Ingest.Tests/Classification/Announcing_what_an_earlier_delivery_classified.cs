using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;

using MassTransit;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// A delivery that stored its classifications and then lost its announcement (the broker went away
/// between the commit and the publish) is delivered again; the redelivery announces what it finds
/// classified, so that incident tracking still counts the report.
/// </summary>
public sealed class Announcing_what_an_earlier_delivery_classified(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    [Fact]
    public async Task A_batch_delivered_again_announces_the_reports_it_finds_classified()
    {
        await using (var db = ingest.Database.CreateContext())
        {
            ExampleTenant.AddMailConfiguration(db, ingest.TenantId);
            await db.SaveChangesAsync();
        }

        var raw = ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", "81.2.69.190");
        var report = new Report
        {
            TenantId = ingest.TenantId,
            ClientIp = IPAddress.Parse("198.51.100.7"),
            Helo = "mx1.tenant.example",
            MailFrom = "",
            RcptTo = [RunningIngest.TenantAddress],
            ReceivedAt = DateTimeOffset.UtcNow,
            Size = raw.Length,
            Sha256 = RawMessage.Sha256(raw),
            RawMessageCompressed = RawMessage.Compress(raw),
        };
        await using (var db = ingest.Database.CreateContext())
        {
            db.Reports.Add(report);
            await db.SaveChangesAsync();
        }

        // The first delivery's work, up to its commit: classified and stored, never announced.
        var store = ingest.Services.GetRequiredService<PostgresClassificationStore>();
        var tenant = await ingest.Services.GetRequiredService<TenantMailConfigurations>().GetAsync(ingest.TenantId, CancellationToken.None);
        var hosts = ingest.Services.GetRequiredService<IngestHostNames>().Names;
        var waiting = Assert.Single((await store.LoadAsync([report.Id], held: null, CancellationToken.None)).Waiting);
        var classified = ClassifiedReport.Classify(waiting, tenant, hosts, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Single(await store.StoreAsync([classified], DateTimeOffset.UtcNow, CancellationToken.None));

        await ingest.Services.GetRequiredService<IBus>().Publish(
            new ReportsReceived([new ReportReceived(report.Id, report.TenantId, report.ReceivedAt)]));

        Assert.True(await TrackedWithinAsync(report.Id, TimeSpan.FromSeconds(30)), "incident tracking never heard of the report");
    }

    private async Task<bool> TrackedWithinAsync(Guid reportId, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = ingest.Database.CreateContext();
            if (await db.TrackedReports.AsNoTracking().AnyAsync(t => t.ReportId == reportId))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
