using System.Net;

using MailKit.Net.Smtp;
using MailKit.Security;

using MimeKit;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>Sending through MailKit, a real SMTP client with PIPELINING and STARTTLS.</summary>
internal static class MailKitSending
{
    public static MimeMessage Bounce(string marker) => new()
    {
        From = { new MailboxAddress("Mail Delivery System", "mailer-daemon@mx.example.net") },
        To = { MailboxAddress.Parse(RunningIngest.TenantAddress) },
        Subject = "Undelivered Mail Returned to Sender " + marker,
        Body = new TextPart("plain") { Text = "This is the mail system at host mx.example.net. " + marker },
    };

    public static async Task<SmtpClient> ConnectAsync(IPEndPoint endpoint, SecureSocketOptions security, string? thumbprint = null)
    {
        var client = new SmtpClient
        {
            CheckCertificateRevocation = false,
            // Only the certificate the test made is trusted.
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && thumbprint is not null
                && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        await client.ConnectAsync(endpoint.Address.ToString(), endpoint.Port, security);
        return client;
    }

    /// <returns>The id of the stored report, from the 250 reply.</returns>
    public static async Task<Guid> SendAsync(SmtpClient client, MimeMessage message)
    {
        var reply = await client.SendAsync(message);
        return Guid.ParseExact(reply.Trim()[^32..], "N");
    }
}
