using System.Globalization;

using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.Extensions.Options;

using MimeKit;

namespace Backscatter.Web.Onboarding;

/// <summary>
/// Sends a sample bounce (an RFC 3464 delivery status notification for a message the tenant never
/// sent) to the tenant's ingest address through the Ingest host's SMTP endpoint, as a forwarded
/// bounce would arrive. The target is configuration, never user input.
/// </summary>
public sealed class TestBounceSender(IOptions<OnboardingOptions> options, TimeProvider clock)
{
    public async Task SendAsync(string ingestAddress, CancellationToken ct = default)
    {
        var settings = options.Value;
        using var bounce = Build(ingestAddress, clock.GetUtcNow());
        using var smtp = new SmtpClient { Timeout = 15_000 };
        await smtp.ConnectAsync(settings.IngestSmtpHost, settings.IngestSmtpPort, SecureSocketOptions.None, ct);
        // The null sender, as every bounce has.
        await smtp.SendAsync(bounce, new MailboxAddress("", ""), [MailboxAddress.Parse(ingestAddress)], ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    internal static MimeMessage Build(string ingestAddress, DateTimeOffset now)
    {
        const string Forged = "billing@example.com";
        const string Victim = "nobody@mail.example.net";
        var stamp = now.ToString("r", CultureInfo.InvariantCulture);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.net"));
        message.To.Add(MailboxAddress.Parse(Forged));
        message.Subject = "Undelivered Mail Returned to Sender (Backscatter.Cloud test bounce)";
        message.Date = now;
        message.MessageId = $"{Guid.NewGuid():N}@mx.example.net";
        message.Headers.Add("Received", $"from mx.example.net (mx.example.net [192.0.2.25]) by forwarder.example.com with ESMTP; {stamp}");
        message.Headers.Add("Auto-Submitted", "auto-replied");

        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain")
        {
            Text = $"This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<{Victim}>: host mail.example.net[198.51.100.7] said: 550 5.1.1\n    <{Victim}>: Recipient address rejected: User unknown in local\n    recipient table (in reply to RCPT TO command)\n\n(Sent by Backscatter.Cloud's \"send a test bounce\" button to {ingestAddress}.)\n",
        });
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList
        {
            { "Reporting-MTA", "dns; mx.example.net" },
            { "Arrival-Date", stamp },
        };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {Victim}" },
            { "Action", "failed" },
            { "Status", "5.1.1" },
            { "Remote-MTA", "dns; mail.example.net" },
            { "Diagnostic-Code", $"smtp; 550 5.1.1 <{Victim}>: Recipient address rejected: User unknown in local recipient table" },
        };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        report.Add(status);

        var original = new TextPart("rfc822-headers")
        {
            Text = $"Received: from spam-bot.example.org (unknown [203.0.113.66]) by mx.example.net with SMTP; {stamp}\nFrom: \"Billing\" <{Forged}>\nTo: <{Victim}>\nSubject: Your invoice is overdue\nMessage-ID: <{Guid.NewGuid():N}@spam-bot.example.org>\nDate: {stamp}\n",
        };
        report.Add(original);
        message.Body = report;
        return message;
    }
}
