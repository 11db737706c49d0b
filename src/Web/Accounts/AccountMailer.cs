using Backscatter.Domain.Tenancy;

using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using MimeKit;

namespace Backscatter.Web.Accounts;

/// <summary>Sends Identity's account mail through the configured smarthost, or drops it in the pickup folder.</summary>
public sealed partial class AccountMailer(
    IOptions<AccountMailOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<AccountMailer> logger) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your email for Backscatter.Cloud", "Confirm your email address to finish signing up:", confirmationLink);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your Backscatter.Cloud password", "Someone asked to reset your password. If it was you, follow this link:", resetLink);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        SendAsync(email, "Your Backscatter.Cloud password reset code", "Your password reset code:", resetCode, isLink: false);

    /// <summary>The invitation to join a tenant; <paramref name="link"/> carries the token, so it goes to the invitee alone.</summary>
    public Task SendInvitationAsync(Invitation invitation, string organisation, string link)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return SendAsync(
            invitation.Email,
            "You are invited to Backscatter.Cloud",
            $"{invitation.InvitedBy} invited you to join {organisation} on Backscatter.Cloud as {invitation.Role}. The invitation is valid until {invitation.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Accept it here:",
            System.Text.Encodings.Web.HtmlEncoder.Default.Encode(link));
    }

    /// <summary>The pickup folder, resolved against the content root; null when mail goes to the smarthost.</summary>
    public string? PickupDirectory => options.Value.PickupDirectory is { Length: > 0 } folder
        ? Path.GetFullPath(folder, environment.ContentRootPath)
        : null;

    private async Task SendAsync(string to, string subject, string lead, string value, bool isLink = true)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = clock.GetUtcNow();
        // Identity hands links over HTML-encoded (IEmailSender's contract); codes come as they are.
        var encoded = isLink ? value : System.Net.WebUtility.HtmlEncode(value);
        var plain = isLink ? System.Net.WebUtility.HtmlDecode(value) : value;
        var html = isLink ? $"<a href=\"{encoded}\">{encoded}</a>" : $"<strong>{encoded}</strong>";
        message.Body = new BodyBuilder
        {
            TextBody = $"{lead}\n\n{plain}\n\nIf you did not ask for this, ignore this message.\n",
            HtmlBody = $"<p>{System.Net.WebUtility.HtmlEncode(lead)}</p><p>{html}</p><p>If you did not ask for this, ignore this message.</p>",
        }.ToMessageBody();

        if (PickupDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path);
            LogDropped(subject, path);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(
            settings.SmarthostHost ?? throw new InvalidOperationException("AccountMail:SmarthostHost is not set."),
            settings.SmarthostPort,
            settings.SmarthostStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None);
        if (settings.SmarthostUsername is { Length: > 0 } username)
        {
            await smtp.AuthenticateAsync(username, settings.SmarthostPassword ?? "");
        }

        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }

    [LoggerMessage(LogLevel.Information, "Account mail '{Subject}' written to {Path}")]
    private partial void LogDropped(string subject, string path);
}
