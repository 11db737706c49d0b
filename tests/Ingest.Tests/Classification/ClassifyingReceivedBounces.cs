using System.Net;
using System.Text;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// A real bounce, as the tenant's MX forwards it (with the MX's Received header on top), sent over
/// SMTP to the running Ingest host: it goes through PostgreSQL and RabbitMQ and comes out classified.
/// </summary>
public sealed class ClassifyingReceivedBounces(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    private static readonly TimeSpan ClassifiedWithin = TimeSpan.FromSeconds(30);

    private async Task ConfigureTenantAsync()
    {
        await using var db = ingest.Database.CreateContext();
        if (await db.TenantMailSettings.AnyAsync(s => s.TenantId == ingest.TenantId))
        {
            return;
        }

        ExampleTenant.AddMailConfiguration(db, ingest.TenantId);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> SendAsync(byte[] message)
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx1.tenant.example");
        await smtp.SendAsync("MAIL FROM:<>");
        await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");
        await smtp.SendAsync("DATA");
        var reply = await smtp.SendDataAsync(message);
        Assert.StartsWith("250 ", reply, StringComparison.Ordinal);
        return Guid.ParseExact(reply[^32..], "N");
    }

    private async Task<Report> WaitUntilClassifiedAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + ClassifiedWithin;
        while (true)
        {
            await using var db = ingest.Database.CreateContext();
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
            if (report.Status != ReportStatus.Received || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Stores_kind_reason_verdict_and_reflector_of_a_forwarded_bounce()
    {
        await ConfigureTenantAsync();

        var id = await SendAsync(ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", "81.2.69.160"));
        var report = await WaitUntilClassifiedAsync(id);

        Assert.True(report.Status == ReportStatus.Classified, report.Failure);
        Assert.Equal(MessageKind.DeliveryStatusNotification, report.Kind);
        Assert.Equal("userunknown", report.Reason);
        Assert.Equal(Judgement.Backscatter, report.Judgement);
        Assert.Equal(IPAddress.Parse("81.2.69.160"), report.ReflectorIp);
        Assert.Equal("mail.reflector.example", report.ReflectorHost);
        Assert.Contains("\"evidence\"", report.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_the_backscatter_against_its_reflector()
    {
        await ConfigureTenantAsync();

        await WaitUntilClassifiedAsync(await SendAsync(ExampleTenant.ForwardedBounce("lhost-postfix-02.eml", "81.2.69.170")));
        await WaitUntilClassifiedAsync(await SendAsync(ExampleTenant.ForwardedBounce("lhost-exim-01.eml", "81.2.69.170")));

        await using var db = ingest.Database.CreateContext();
        var sightings = await db.ReflectorSightings.AsNoTracking()
            .Where(s => s.Ip == IPAddress.Parse("81.2.69.170")).ToListAsync();
        Assert.Equal(2, sightings.Sum(s => s.Count));
        Assert.All(sightings, s => Assert.Equal(ingest.TenantId, s.TenantId));
        var reflector = await db.Reflectors.AsNoTracking().SingleAsync(r => r.Ip == IPAddress.Parse("81.2.69.170"));
        Assert.Equal(2, reflector.BackscatterCount);
    }

    [Fact]
    public async Task Classifies_garbage_as_what_it_is_and_keeps_going()
    {
        var garbage = new byte[20_000];
        new Random(7).NextBytes(garbage);
        for (var i = 0; i < garbage.Length; i++)
        {
            // Keep the data block intact on the wire: no bare dots at line starts.
            if (garbage[i] == (byte)'.')
            {
                garbage[i] = (byte)'x';
            }
        }

        var manyHeaders = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 10_000).Select(i => $"X-Header-{i}: value {i}\r\n")) + "\r\nbody\0with NUL\r\n");

        var first = await WaitUntilClassifiedAsync(await SendAsync(garbage));
        var second = await WaitUntilClassifiedAsync(await SendAsync(manyHeaders));
        var after = await WaitUntilClassifiedAsync(await SendAsync(ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", "81.2.69.180")));

        Assert.Equal(ReportStatus.Classified, first.Status);
        Assert.Equal(MessageKind.NotABounce, first.Kind);
        Assert.Equal(ReportStatus.Classified, second.Status);
        Assert.Equal(MessageKind.NotABounce, second.Kind);
        Assert.Equal(ReportStatus.Classified, after.Status);
    }
}
