using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// A tenant whose stored BATV secret cannot be decrypted (a corrupt row): every attempt to judge
/// its reports throws. After the retries the message lands in the error queue and the report
/// shows as failed, with the reason.
/// </summary>
public sealed class FailingToClassifyAReport(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    private const string BrokenAddress = "broken-tenant@in.backscatter.test";

    [Fact]
    public async Task Marks_the_report_failed_and_leaves_the_message_in_the_error_queue()
    {
        await using (var db = ingest.Database.CreateContext())
        {
            var tenant = new Tenant { Name = "Broken" };
            tenant.IngestAddresses.Add(new IngestAddress { Address = BrokenAddress });
            db.Tenants.Add(tenant);
            db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = tenant.Id, Number = 0, ProtectedSecret = "not-a-protected-payload", IsActive = true });
            await db.SaveChangesAsync();
        }

        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");
        await smtp.SendAsync($"RCPT TO:<{BrokenAddress}>");
        await smtp.SendAsync("DATA");
        var reply = await smtp.SendDataAsync("Subject: Undelivered Mail Returned to Sender\r\n\r\nThis is the mail system.\r\n"u8.ToArray());
        var id = Guid.ParseExact(reply[^32..], "N");

        var report = await WaitForAsync(id, r => r.Status != ReportStatus.Received, TimeSpan.FromSeconds(60));

        Assert.Equal(ReportStatus.Failed, report.Status);
        Assert.Contains("Cryptographic", report.Failure, StringComparison.Ordinal);
        Assert.True(await ErrorQueueDepthAsync() > 0);
    }

    private async Task<Report> WaitForAsync(Guid id, Func<Report, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            await using var db = ingest.Database.CreateContext();
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
            if (done(report) || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<uint> ErrorQueueDepthAsync()
    {
        var factory = new ConnectionFactory
        {
            HostName = LocalServices.RabbitMqHost,
            Port = LocalServices.RabbitMqPort,
            VirtualHost = LocalServices.RabbitMqVirtualHost,
            UserName = LocalServices.RabbitMqUsername,
            Password = LocalServices.RabbitMqPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclarePassiveAsync("classify-report_error");
        return queue.MessageCount;
    }
}
