namespace Backscatter.Ingest.Smtp;

/// <summary>Why the listener refused a connection, a recipient or a message: the reasons it counts (<see cref="SmtpMetrics"/>).</summary>
internal enum SmtpRefusal
{
    /// <summary>421 at connect: the listener has <see cref="SmtpOptions.MaxConnections"/> open.</summary>
    ServerBusy,

    /// <summary>421 at connect: this client has <see cref="SmtpOptions.MaxConnectionsPerClient"/> open.</summary>
    ClientConnections,

    /// <summary>421 at DATA: this client used its <see cref="SmtpOptions.MaxMessagesPerMinutePerClient"/>.</summary>
    ClientRate,

    /// <summary>550 5.1.1 at RCPT: no such ingest address.</summary>
    UnknownRecipient,

    /// <summary>452 at RCPT: more than <see cref="SmtpOptions.MaxRecipients"/>.</summary>
    TooManyRecipients,

    /// <summary>552 at MAIL FROM (declared SIZE) or after DATA: larger than <see cref="SmtpOptions.MaxMessageSize"/>.</summary>
    MessageTooBig,

    /// <summary>451 at RCPT: the address book could not be read.</summary>
    LookupUnavailable,

    /// <summary>451 after DATA: the message could not be made durable.</summary>
    StoreUnavailable,

    /// <summary>421: the client was silent past the command or data timeout.</summary>
    Timeout,

    /// <summary>421: too many bad commands in one session.</summary>
    TooManyErrors,

    /// <summary>500: a command line over 2048 bytes.</summary>
    LineTooLong,

    /// <summary>421: the host is stopping.</summary>
    ShuttingDown,
}
