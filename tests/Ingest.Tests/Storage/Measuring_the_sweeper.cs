using System.Diagnostics.Metrics;
using System.Net;
using System.Text;

using Backscatter.Domain.Reports;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Storage;
using Backscatter.ServiceDefaults;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>A report left unannounced in the running host's database, swept up; the host's metrics read from its own meter factory.</summary>
public sealed class Measuring_the_sweeper(IngestSweepingByHand ingest) : IClassFixture<IngestSweepingByHand>
{
    [Fact]
    public async Task Counts_each_report_it_announces_again()
    {
        using var reannounced = new MetricCollector<long>(
            ingest.Services.GetRequiredService<IMeterFactory>(), TelemetryExtensions.SourceName, ClassificationMetrics.ReannouncedName);
        var sweeper = ingest.Services.GetRequiredService<UnannouncedReportSweeper>();
        // The host's own pass at start must not take the report this test sweeps by hand.
        await sweeper.FirstPass.WaitAsync(TimeSpan.FromMinutes(2));
        var raw = Encoding.ASCII.GetBytes("Subject: left behind\r\n\r\nStored while the broker was down.\r\n");
        await using (var db = ingest.Database.CreateContext())
        {
            // Stored ten minutes ago, never announced: as after a broker outage.
            db.Reports.Add(new Report
            {
                TenantId = ingest.TenantId,
                ClientIp = IPAddress.Parse("192.0.2.7"),
                Helo = "mx.example.net",
                MailFrom = "",
                RcptTo = [Smtp.RunningIngest.TenantAddress],
                ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
                Size = raw.Length,
                Sha256 = RawMessage.Sha256(raw),
                RawMessageCompressed = RawMessage.Compress(raw),
            });
            await db.SaveChangesAsync();
        }

        var swept = await sweeper.SweepAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.Equal(1, Assert.Single(reannounced.GetMeasurementSnapshot()).Value);
    }
}
