namespace Backscatter.Domain.Mail;

/// <summary>The SMTP command a receiving server answered with the failure; it tells "no such user" at RCPT from a filter at DATA.</summary>
public enum SmtpCommand
{
    Unknown,
    Connect,
    Helo,
    MailFrom,
    RcptTo,
    Data,
}
