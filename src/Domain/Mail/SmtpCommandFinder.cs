namespace Backscatter.Domain.Mail;

/// <summary>
/// Finds which SMTP command a failure answered, from the way MTAs say it ("in reply to RCPT TO
/// command", "after end of data", "&gt;&gt;&gt; DATA", "did not like our RCPT TO"). The last one
/// mentioned wins: a transcript ends with the command that failed.
/// </summary>
public static class SmtpCommandFinder
{
    private static readonly (SmtpCommand Command, string Phrase)[] Phrases =
    [
        (SmtpCommand.RcptTo, "rcpt to"),
        (SmtpCommand.RcptTo, "rcpt_to"),
        (SmtpCommand.RcptTo, "rcpt command"),
        (SmtpCommand.RcptTo, "rcpt:"),
        (SmtpCommand.RcptTo, "smtp:rcpt"),
        (SmtpCommand.RcptTo, "does not like recipient"),
        (SmtpCommand.Data, "end of data"),
        (SmtpCommand.Data, "final data"),
        (SmtpCommand.Data, ">>> data"),
        (SmtpCommand.Data, "after data"),
        (SmtpCommand.Data, "data command"),
        (SmtpCommand.Data, "in: data"),
        (SmtpCommand.Data, "text command"),
        (SmtpCommand.Data, "(data)"),
        (SmtpCommand.MailFrom, "mail from"),
        (SmtpCommand.MailFrom, "mail_from"),
        (SmtpCommand.Helo, "helo command"),
        (SmtpCommand.Helo, "ehlo command"),
        (SmtpCommand.Helo, ">>> helo"),
        (SmtpCommand.Helo, ">>> ehlo"),
        (SmtpCommand.Connect, "initial connection"),
        (SmtpCommand.Connect, "connect to"),
        (SmtpCommand.Connect, "greeting"),
    ];

    public static SmtpCommand Find(string? lowerText)
    {
        if (string.IsNullOrEmpty(lowerText))
        {
            return SmtpCommand.Unknown;
        }

        var best = SmtpCommand.Unknown;
        var bestAt = -1;
        foreach (var (command, phrase) in Phrases)
        {
            var at = lowerText.LastIndexOf(phrase, StringComparison.Ordinal);
            if (at > bestAt)
            {
                best = command;
                bestAt = at;
            }
        }

        return best;
    }
}
