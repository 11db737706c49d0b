namespace Backscatter.Ingest.Smtp;

/// <summary>The replies this server gives, in one place so that codes and texts stay consistent.</summary>
internal static class SmtpReply
{
    public const string Ok = "250 2.0.0 OK";
    public const string SenderOk = "250 2.1.0 Sender OK";
    public const string RecipientOk = "250 2.1.5 Recipient OK";
    public const string StartData = "354 End data with <CR><LF>.<CR><LF>";
    public const string Bye = "221 2.0.0 Bye";
    public const string CannotVerify = "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery";
    public const string Help = "214 2.0.0 See RFC 5321";
    public const string ReadyForTls = "220 2.0.0 Ready to start TLS";
    public const string NoTls = "454 4.7.0 TLS not available";
    public const string StorageUnavailable = "451 4.3.0 Temporary storage failure, please try again later";
    public const string TooManyRecipients = "452 4.5.3 Too many recipients";
    public const string TooManyConnections = "421 4.7.0 Too many connections from your address, try again later";
    public const string ServerBusy = "421 4.3.2 Too many connections, try again later";
    public const string RateLimited = "421 4.7.0 Too many messages from your address, try again later";
    public const string Timeout = "421 4.4.2 Timeout, closing connection";
    public const string TooManyErrors = "421 4.7.0 Too many errors, closing connection";
    public const string ShuttingDown = "421 4.3.2 Service shutting down, try again later";
    public const string LineTooLong = "500 5.5.6 Line too long";
    public const string Unrecognized = "500 5.5.2 Command unrecognized";
    public const string SyntaxError = "501 5.5.4 Syntax error in parameters or arguments";
    public const string NotImplemented = "502 5.5.1 Command not implemented";
    public const string HelloFirst = "503 5.5.1 Send EHLO or HELO first";
    public const string MailFirst = "503 5.5.1 Send MAIL FROM first";
    public const string NestedMail = "503 5.5.1 Sender already given";
    public const string RecipientFirst = "554 5.5.1 No valid recipients";
    public const string MessageTooBig = "552 5.3.4 Message size exceeds the fixed maximum message size";

    public static string UnknownRecipient(string address) => $"550 5.1.1 <{address}>: no such ingest address here";

    public static string Queued(Guid id) => $"250 2.0.0 OK: queued as {id:N}";
}
