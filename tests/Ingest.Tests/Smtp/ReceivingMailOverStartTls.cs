using Backscatter.Domain.Reports;

using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class ReceivingMailOverStartTls(IngestWithTls ingest) : IClassFixture<IngestWithTls>
{
    [Fact]
    public async Task Offers_STARTTLS_when_a_certificate_is_configured()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);

        var ehlo = await smtp.SendAsync("EHLO mx.example.net");

        Assert.Contains("250-STARTTLS", ehlo);
    }

    [Fact]
    public async Task Stores_mail_sent_over_TLS()
    {
        using var client = await MailKitSending.ConnectAsync(ingest.Smtp, SecureSocketOptions.StartTls, ingest.Thumbprint);
        var marker = Guid.NewGuid().ToString();

        var id = await MailKitSending.SendAsync(client, MailKitSending.Bounce(marker));

        Assert.True(client.IsSecure);
        await client.DisconnectAsync(quit: true);
        await AssertStoredAsync(id, marker);
    }

    [Fact]
    public async Task Still_serves_a_client_that_does_not_upgrade()
    {
        using var client = await MailKitSending.ConnectAsync(ingest.Smtp, SecureSocketOptions.None);
        var marker = Guid.NewGuid().ToString();

        var id = await MailKitSending.SendAsync(client, MailKitSending.Bounce(marker));

        Assert.False(client.IsSecure);
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
        await client.DisconnectAsync(quit: true);
        await AssertStoredAsync(id, marker);
    }

    [Fact]
    public async Task Forgets_the_greeting_and_the_transaction_from_before_the_upgrade()
    {
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var ready = await smtp.StartTlsAsync(ingest.Thumbprint);

        // RFC 3207 4.2: nothing said in plain text counts after the handshake.
        Assert.StartsWith("220 ", ready, StringComparison.Ordinal);
        Assert.StartsWith("503 ", (await smtp.SendAsync("MAIL FROM:<>"))[^1], StringComparison.Ordinal);
        var ehlo = await smtp.SendAsync("EHLO mx.example.net");
        Assert.DoesNotContain("250-STARTTLS", ehlo);
        Assert.StartsWith("250 ", (await smtp.SendAsync("MAIL FROM:<>"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("454 ", (await smtp.SendAsync("STARTTLS"))[^1], StringComparison.Ordinal);
    }

    private async Task AssertStoredAsync(Guid id, string marker)
    {
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(ingest.TenantId, report.TenantId);
        Assert.Contains(marker, System.Text.Encoding.UTF8.GetString(RawMessage.Decompress(report.RawMessageCompressed!)), StringComparison.Ordinal);
    }
}
