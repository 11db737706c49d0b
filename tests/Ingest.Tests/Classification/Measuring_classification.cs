using System.Diagnostics.Metrics;
using System.Text;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>A real bounce sent over SMTP to the running Ingest host, classified through RabbitMQ; the host's metrics read from its own meter factory.</summary>
public sealed class Measuring_classification(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    // A minimal RFC 3464 report, written here so that the test needs no corpus beside the checkout.
    private static byte[] DeliveryStatusNotification(string marker) => Encoding.ASCII.GetBytes(
        $"""
        From: MAILER-DAEMON@mx.reflector.example
        To: ops@tenant.example
        Subject: Undelivered Mail Returned to Sender {marker}
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        This is the mail system at host mx.reflector.example. Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.reflector.example

        Final-Recipient: rfc822; nobody@reflector.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <nobody@reflector.example>: Recipient address rejected: User unknown

        --b1
        Content-Type: text/rfc822-headers

        From: ceo@tenant.example
        To: nobody@reflector.example
        Subject: invoice {marker}
        Message-ID: <{marker}@spammer.example>

        --b1--

        """.Replace("\n", "\r\n", StringComparison.Ordinal));

    [Fact]
    public async Task Counts_a_classified_report_by_kind_and_verdict_with_its_lag_behind_receipt()
    {
        var meters = ingest.Services.GetRequiredService<IMeterFactory>();
        using var reports = new MetricCollector<long>(meters, TelemetryExtensions.SourceName, ClassificationMetrics.ReportsName);
        using var lag = new MetricCollector<double>(meters, TelemetryExtensions.SourceName, ClassificationMetrics.LagName);
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx1.tenant.example");
        await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{RunningIngest.TenantAddress}>", "DATA");

        var reply = await smtp.SendDataAsync(DeliveryStatusNotification(Guid.NewGuid().ToString("N")));

        Assert.StartsWith("250 ", reply, StringComparison.Ordinal);
        var counted = await reports.SumWhenAsync(1);
        var id = Guid.ParseExact(reply[^32..], "N");
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(ReportStatus.Classified, report.Status);
        Assert.Equal(MessageKind.DeliveryStatusNotification, report.Kind);
        Assert.Equal(1, counted);
        Assert.Equal(1, reports.Sum((ClassificationMetrics.KindTag, report.Kind.ToString()), (ClassificationMetrics.VerdictTag, report.Judgement.ToString())));
        var lagged = Assert.Single(await lag.ValuesWhenAsync(1));
        // Measured from the same clock reading that is stored as the report's classification time.
        var stored = (report.ClassifiedAt!.Value - report.ReceivedAt).TotalSeconds;
        Assert.InRange(lagged, stored - 0.001, stored + 0.001);
    }
}
