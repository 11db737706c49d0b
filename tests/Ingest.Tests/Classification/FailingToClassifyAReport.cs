using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;

using MassTransit;

using Microsoft.EntityFrameworkCore;

using RabbitMQ.Client;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// A tenant whose stored BATV secret cannot be decrypted (a corrupt row): every attempt to judge
/// its reports throws. After the retries the message lands in the error queue and the report
/// shows as failed, with the reason.
/// </summary>
public sealed class FailingToClassifyAReport(IngestWithDurableQueues ingest) : IClassFixture<IngestWithDurableQueues>
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
        Assert.True(await WaitForErrorQueueDepthAsync(TimeSpan.FromSeconds(30)) > 0);
    }

    [Fact]
    public async Task Classifies_the_rest_of_a_batch_that_holds_a_report_that_fails()
    {
        const string address = "broken-in-batch@in.backscatter.test";
        await using (var db = ingest.Database.CreateContext())
        {
            var tenant = new Tenant { Name = "Broken in a batch" };
            tenant.IngestAddresses.Add(new IngestAddress { Address = address });
            db.Tenants.Add(tenant);
            db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = tenant.Id, Number = 0, ProtectedSecret = "not-a-protected-payload", IsActive = true });
            await db.SaveChangesAsync();
        }

        // One session, one message after the other: the consumer takes what arrives within its batch window together.
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        var good = new List<Guid>();
        Guid bad = default;
        for (var i = 0; i < 7; i++)
        {
            await smtp.SendAsync("MAIL FROM:<>");
            await smtp.SendAsync($"RCPT TO:<{(i == 3 ? address : RunningIngest.TenantAddress)}>");
            await smtp.SendAsync("DATA");
            var reply = await smtp.SendDataAsync(ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", "81.2.69.160", $"B{i}"));
            var id = Guid.ParseExact(reply[^32..], "N");
            if (i == 3)
            {
                bad = id;
            }
            else
            {
                good.Add(id);
            }
        }

        var failed = await WaitForAsync(bad, r => r.Status != ReportStatus.Received, TimeSpan.FromSeconds(60));
        var others = new List<Report>();
        foreach (var id in good)
        {
            others.Add(await WaitForAsync(id, r => r.Status != ReportStatus.Received, TimeSpan.FromSeconds(60)));
        }

        Assert.Equal(ReportStatus.Failed, failed.Status);
        Assert.Contains("Cryptographic", failed.Failure, StringComparison.Ordinal);
        Assert.All(others, r => Assert.Equal(ReportStatus.Classified, r.Status));
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

    /// <summary>
    /// How many messages the consumer's error queue holds, once it holds any: the fault that marks
    /// the report failed is published before the message is moved to the error queue.
    /// </summary>
    private async Task<uint> WaitForErrorQueueDepthAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var depth = await TakeErrorQueueDepthAsync();
            if (depth > 0 || DateTime.UtcNow > deadline)
            {
                return depth;
            }

            await Task.Delay(200);
        }
    }

    private async Task<uint> TakeErrorQueueDepthAsync()
    {
        await using var broker = await IngestWithDurableQueues.ConnectAsync();
        await using var channel = await broker.CreateChannelAsync();
        var queue = await channel.QueueDeclarePassiveAsync(ingest.QueueName<ClassifyReportConsumer>() + "_error");
        return queue.MessageCount;
    }
}

/// <summary>
/// The error queue of a temporary endpoint is exclusive to the host's connection; this host's
/// queues are durable so that the test can look into them, and deleted when the host is gone.
/// </summary>
public sealed class IngestWithDurableQueues : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RabbitMq:TemporaryEndpoints"] = "false",
    };

    public string QueueName<TConsumer>()
        where TConsumer : class, IConsumer =>
        new KebabCaseEndpointNameFormatter(EndpointPrefix, includeNamespace: false).Consumer<TConsumer>();

    public static Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = LocalServices.RabbitMqHost,
        Port = LocalServices.RabbitMqPort,
        VirtualHost = LocalServices.RabbitMqVirtualHost,
        UserName = LocalServices.RabbitMqUsername,
        Password = LocalServices.RabbitMqPassword,
    }.CreateConnectionAsync();

    protected override async Task AfterHostStoppedAsync()
    {
        await using var broker = await ConnectAsync();
        await using var channel = await broker.CreateChannelAsync();
        foreach (var queue in new[] { QueueName<ClassifyReportConsumer>(), QueueName<ReportClassificationFaultConsumer>() })
        {
            await channel.QueueDeleteAsync(queue);
            await channel.QueueDeleteAsync(queue + "_error");
        }
    }
}
