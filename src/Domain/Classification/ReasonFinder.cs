using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>
/// Decides the <see cref="BounceReason"/> of one recipient from its status code, diagnostic text,
/// the SMTP command that failed and the action, in the taxonomy's order of precedence: specific
/// sentences and specific status codes first, then broad sentences, then the status class.
/// </summary>
public static class ReasonFinder
{
    // Status meanings too vague to end the search: a sentence may still say something more precise.
    private static readonly HashSet<BounceReason> Tentative =
    [
        BounceReason.Undefined, BounceReason.OnHold, BounceReason.SystemError, BounceReason.SecurityError,
        BounceReason.Expired, BounceReason.NetworkError, BounceReason.HostUnknown, BounceReason.UserUnknown,
    ];

    public static BounceReason Find(FailureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Action is "delivered" or "relayed" or "expanded" || facts.Status?.StartsWith("2.", StringComparison.Ordinal) == true)
        {
            return BounceReason.Delivered;
        }

        // Google Groups answers every refused post the same way: the poster may not post to the group.
        if (facts.Software == MtaSoftware.GoogleGroups)
        {
            return BounceReason.Rejected;
        }

        var text = facts.Diagnostic?.ToLowerInvariant() ?? string.Empty;
        var context = facts.Context?.ToLowerInvariant() ?? string.Empty;
        var statusReason = StatusCodeReasons.ReasonOf(facts.Status);
        var command = facts.Command;

        // Refused at MAIL FROM, an "unknown address" is the sender's, not the recipient's.
        if (command == SmtpCommand.MailFrom && statusReason is BounceReason.UserUnknown or BounceReason.HostUnknown)
        {
            return BounceReason.Rejected;
        }

        foreach (var (reason, phrases) in ReasonPhrases.Decisive)
        {
            var hit = reason switch
            {
                // "No such user" is only about the address when the server said it to RCPT TO (or the
                // status says so); after DATA the same words come from a filter.
                BounceReason.UserUnknown => statusReason == BounceReason.UserUnknown
                    ? !ContradictsUserUnknown(text)
                    : (command == SmtpCommand.RcptTo && Matches(text, phrases)) || Matches(text, ReasonPhrases.RecipientIsUnknown)
                        || ((statusReason is null || Tentative.Contains(statusReason.Value)) && Matches(context, ReasonPhrases.RecipientIsUnknown)),
                // A DNS answer that says "no mail here" is a domain that refuses mail, not an unknown one.
                BounceReason.HostUnknown => (statusReason == reason || Matches(text, phrases)) && !Matches(text, ReasonPhrases.NotAccept)
                    && !text.Contains("unexpected name server reply", StringComparison.Ordinal),
                // Media errors are told by their words; 5.6.x also covers content a spam filter rejected.
                BounceReason.ContentError => Matches(text, phrases),
                BounceReason.NotAccept => Matches(text, phrases),
                BounceReason.Filtered => statusReason == BounceReason.Filtered
                    ? Matches(text, phrases) || Matches(text, ReasonPhrases.UserUnknown)
                    : command is SmtpCommand.Unknown or SmtpCommand.Data && (Matches(text, phrases) || Matches(text, ReasonPhrases.UserUnknown)),
                BounceReason.MesgTooBig => statusReason != BounceReason.ExceedLimit && (statusReason == reason || Matches(text, phrases)),
                _ => statusReason == reason || Matches(text, phrases),
            };
            if (hit)
            {
                // A lookup that failed for now ("try again", 4.x.x) is a network problem, not a missing domain.
                if (reason == BounceReason.HostUnknown
                    && (facts.Status?.StartsWith('4') == true || (facts.Status is null && text.Contains("try again", StringComparison.Ordinal))))
                {
                    return BounceReason.NetworkError;
                }

                return reason;
            }
        }

        if (facts.DiagnosticType?.StartsWith("X-UNIX", StringComparison.Ordinal) == true)
        {
            return BounceReason.MailerError;
        }

        if (statusReason is { } fromStatus && !Tentative.Contains(fromStatus))
        {
            return fromStatus;
        }

        foreach (var (reason, phrases) in ReasonPhrases.Fallback)
        {
            if (Matches(text, phrases))
            {
                return reason;
            }
        }

        if (statusReason is { } tentative)
        {
            return tentative;
        }

        if (facts.Status is { Length: >= 3 })
        {
            switch (facts.Status[2])
            {
                case '6':
                    return BounceReason.ContentError;
                case '7':
                    return BounceReason.SecurityError;
                default:
                    break;
            }
        }

        if (facts.Action is "delayed")
        {
            return BounceReason.Expired;
        }

        if (command is SmtpCommand.Helo or SmtpCommand.Connect)
        {
            return BounceReason.Blocked;
        }

        return text.Length > 0 ? BounceReason.OnHold : BounceReason.Undefined;
    }

    private static bool ContradictsUserUnknown(string text) =>
        Matches(text, ReasonPhrases.MailboxFull) || Matches(text, ReasonPhrases.HasMoved) || Matches(text, ReasonPhrases.Rejected)
        || Matches(text, ReasonPhrases.NotAccept) || Matches(text, ReasonPhrases.Filtered) || text.Contains("blacklisted", StringComparison.Ordinal)
        || text.Contains("spamhaus", StringComparison.Ordinal) || text.Contains("dnsbl", StringComparison.Ordinal);

    /// <summary>True when one of the phrases occurs in the text; '*' in a phrase matches any run of characters.</summary>
    internal static bool Matches(string text, string[] phrases)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var phrase in phrases)
        {
            if (Matches(text, phrase))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Matches(string text, string phrase)
    {
        var star = phrase.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return text.Contains(phrase, StringComparison.Ordinal);
        }

        var position = 0;
        foreach (var piece in phrase.Split('*', StringSplitOptions.RemoveEmptyEntries))
        {
            var found = text.IndexOf(piece, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + piece.Length;
        }

        return true;
    }
}
