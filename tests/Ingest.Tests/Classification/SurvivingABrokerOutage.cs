using System.Diagnostics;

using Backscatter.Domain.Reports;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>Stops the shared RabbitMQ, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(BrokerOutage), DisableParallelization = true)]
public sealed class BrokerOutage : ICollectionFixture<IngestWithQuickSweeper>;

/// <summary>An Ingest host whose sweeper looks every second for reports waiting longer than two.</summary>
public sealed class IngestWithQuickSweeper : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Ingest:SweepInterval"] = "00:00:01",
        ["Ingest:SweepAfter"] = "00:00:02",
    };
}

[Collection(nameof(BrokerOutage))]
public sealed class SurvivingABrokerOutage(IngestWithQuickSweeper ingest)
{
    private const int Burst = 25;

    [Fact]
    public async Task Classifies_every_acknowledged_message_once_the_broker_is_back()
    {
        var ids = new List<Guid>();
        await RunServicesAsync("stop-rabbitmq");
        try
        {
            await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
            await smtp.SendAsync("EHLO mx1.tenant.example");
            for (var i = 0; i < Burst; i++)
            {
                await smtp.SendAsync("MAIL FROM:<>");
                await smtp.SendAsync($"RCPT TO:<{RunningIngest.TenantAddress}>");
                await smtp.SendAsync("DATA");
                var reply = await smtp.SendDataAsync(System.Text.Encoding.ASCII.GetBytes(
                    $"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\nX-Burst: {Guid.NewGuid()}\r\n\r\nThis is the mail system.\r\n"));
                Assert.StartsWith("250 ", reply, StringComparison.Ordinal);
                ids.Add(Guid.ParseExact(reply[^32..], "N"));
            }
        }
        finally
        {
            await RunServicesAsync("start-rabbitmq");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        int classified;
        do
        {
            await Task.Delay(500);
            await using var db = ingest.Database.CreateContext();
            classified = await db.Reports.CountAsync(r => ids.Contains(r.Id) && r.Status == ReportStatus.Classified);
        }
        while (classified < Burst && DateTime.UtcNow < deadline);

        Assert.Equal(Burst, classified);
    }

    private static async Task RunServicesAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(SharedCorpus.RepositoryRoot, "scripts", "services.sh"), command])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"services.sh {command} failed: {error}");
    }
}
