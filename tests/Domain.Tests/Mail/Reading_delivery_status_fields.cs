using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Tests.Mail;

/// <summary>RFC 3464 delivery-status bodies, including the sloppy ones.</summary>
public sealed class Reading_delivery_status_fields
{
    [Fact]
    public void Reads_per_message_and_per_recipient_fields()
    {
        var report = DeliveryStatusParser.Parse("""
            Reporting-MTA: dns; mx.example.jp
            X-Postfix-Sender: rfc822; shironeko@example.jp

            Final-Recipient: rfc822; kijitora@example.org
            Original-Recipient: rfc822;kijitora@example.org
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.org
            Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.org>: Recipient address
                rejected: User unknown
            """);

        Assert.Equal("mx.example.jp", report.ReportingMta);
        Assert.Equal("shironeko@example.jp", report.EnvelopeSender);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("kijitora@example.org", recipient.FinalRecipient);
        Assert.Equal("failed", recipient.Action);
        Assert.Equal("5.1.1", recipient.Status);
        Assert.Equal("SMTP", recipient.DiagnosticType);
        Assert.Equal("550 5.1.1 <kijitora@example.org>: Recipient address rejected: User unknown", recipient.DiagnosticCode);
    }

    [Fact]
    public void Separates_recipients_written_without_blank_lines()
    {
        var report = DeliveryStatusParser.Parse("""
            Final-Recipient: rfc822; a@example.org
            Action: failed
            Status: 5.1.1
            Final-Recipient: rfc822; b@example.org
            Action: failed
            Status: 5.2.2
            """);

        Assert.Equal(["a@example.org", "b@example.org"], report.Recipients.Select(r => r.FinalRecipient));
    }

    [Fact]
    public void Keeps_fields_written_before_final_recipient()
    {
        var report = DeliveryStatusParser.Parse("""
            Reporting-MTA: dns; 10.138.205.200
            Diagnostic-Code: SMTP; 550 5.1.1 RCP-P1 Recipient address does not exist
            Status: 5.1.1
            Final-Recipient: rfc822; kijitora@facebook.com
            Action: failed
            """);

        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("5.1.1", recipient.Status);
        Assert.StartsWith("550 5.1.1", recipient.DiagnosticCode, StringComparison.Ordinal);
    }
}
