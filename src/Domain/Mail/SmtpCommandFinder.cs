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

    // All phrases in one vectorised search: a recipient's context is thousands of characters, and one
    // backward search per phrase went through it two dozen times.
    private static readonly System.Buffers.SearchValues<string> AnyPhrase =
        System.Buffers.SearchValues.Create(Phrases.Select(p => p.Phrase).ToArray(), StringComparison.Ordinal);

    public static SmtpCommand Find(string? lowerText)
    {
        if (string.IsNullOrEmpty(lowerText))
        {
            return SmtpCommand.Unknown;
        }

        // The phrase found last wins; where two start at the same place, the one listed first.
        var text = lowerText.AsSpan();
        var lastAt = -1;
        for (var at = text.IndexOfAny(AnyPhrase); at >= 0; at = NextAfter(text, at))
        {
            lastAt = at;
        }

        if (lastAt < 0)
        {
            return SmtpCommand.Unknown;
        }

        foreach (var (command, phrase) in Phrases)
        {
            if (text[lastAt..].StartsWith(phrase, StringComparison.Ordinal))
            {
                return command;
            }
        }

        return SmtpCommand.Unknown;
    }

    private static int NextAfter(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOfAny(AnyPhrase);
        return next < 0 ? -1 : at + 1 + next;
    }
}
