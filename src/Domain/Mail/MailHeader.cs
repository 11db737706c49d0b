namespace Backscatter.Domain.Mail;

/// <summary>One unfolded header field, name as written, value decoded to text.</summary>
public sealed record MailHeader(string Name, string Value);
