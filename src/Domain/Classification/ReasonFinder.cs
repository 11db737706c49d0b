using System.Text.RegularExpressions;

using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>
/// Decides the <see cref="BounceReason"/> of one recipient from its status code, diagnostic text,
/// the SMTP command that failed and the action, in the taxonomy's order of precedence: specific
/// sentences and specific status codes first, then broad sentences, then the status class.
/// </summary>
public static partial class ReasonFinder
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

        var context = facts.Context is { } said ? LowerCaseCopy.Of(said) : string.Empty;
        var statusReason = StatusCodeReasons.ReasonOf(facts.Status);
        // A bounce that names the recipient with neither a specific code nor a word of its own explains the failure in the text around it.
        var text = string.IsNullOrWhiteSpace(facts.Diagnostic) ? (statusReason is null ? context : string.Empty) : LowerCaseCopy.Of(facts.Diagnostic);
        var command = facts.Command;
        if (facts.Software == MtaSoftware.Gmail && GmailState(context) is { } state)
        {
            // Gmail numbers the SMTP state its attempt failed in; it is the command that was answered.
            command = state.Command;
            if (state.Reason is { } stateReason && (statusReason is null || Tentative.Contains(statusReason.Value) || statusReason == BounceReason.SecurityError)
                && !Matches(text, ReasonPhrases.MailboxFull))
            {
                return stateReason;
            }
        }

        if (RemoteHostReasons.Find(facts.Recipient, facts.RemoteMta, facts.ReportingMta, facts.Status, command, text) is { } providerSays)
        {
            return providerSays;
        }

        // Refused at MAIL FROM, an "unknown address" is the sender's, not the recipient's.
        if (command == SmtpCommand.MailFrom && statusReason is BounceReason.UserUnknown or BounceReason.HostUnknown)
        {
            return BounceReason.Rejected;
        }

        if (facts.DiagnosticType?.StartsWith("X-UNIX", StringComparison.Ordinal) == true)
        {
            // A local delivery program failed: what it printed says whether the mail system's permissions
            // (sendmail's exit 77) or the mailbox's quota was the trouble; otherwise the program itself.
            return text.Contains("insufficient permission", StringComparison.Ordinal) ? BounceReason.SystemError
                : Matches(text, ReasonPhrases.MailboxFull) || text.Contains("quota", StringComparison.Ordinal) ? BounceReason.MailboxFull
                : BounceReason.MailerError;
        }

        // The context is long (up to 4,000 characters) and three reasons look for their sentences in it:
        // one pass for all three first, and none again when the context is the text itself.
        bool? contextMayTell = null;
        bool InContext(PhraseList phrases) =>
            !ReferenceEquals(text, context) && (contextMayTell ??= ReasonPhrases.SaidOfWholeBounce.IsIn(context)) && Matches(context, phrases);

        foreach (var (reason, phrases) in ReasonPhrases.Decisive)
        {
            var hit = reason switch
            {
                // "No such user" is only about the address when the server said it to RCPT TO (or the
                // status says so); after DATA the same words come from a filter.
                // A security or policy status (x.7.x) with "user unknown" is a filter's refusal, whatever the text around says.
                BounceReason.UserUnknown => statusReason == BounceReason.UserUnknown
                    ? !ContradictsUserUnknown(text)
                    : (command == SmtpCommand.RcptTo && Matches(text, phrases)) || Matches(text, ReasonPhrases.RecipientIsUnknown)
                        || ((statusReason is null || (Tentative.Contains(statusReason.Value) && statusReason != BounceReason.SecurityError))
                            && Matches(context, ReasonPhrases.RecipientIsUnknown)),
                // A full or disabled mailbox and a malformed message are often said once for the whole bounce, not per recipient.
                BounceReason.Suspend or BounceReason.NotCompliantRfc or BounceReason.MailboxFull => statusReason == reason || Matches(text, phrases) || InContext(phrases),
                BounceReason.HostUnknown when DomainDoesNotExist().IsMatch(text) => true,
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

        // A bare "access denied" (x.7.x) to MAIL FROM refuses the sender.
        if (command == SmtpCommand.MailFrom && statusReason == BounceReason.SecurityError)
        {
            return BounceReason.Rejected;
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

        // Words about this recipient that say nothing known put it on hold; no words of its own leave it undefined.
        return !string.IsNullOrWhiteSpace(facts.Diagnostic) && !string.Equals(facts.Diagnostic, facts.Context, StringComparison.Ordinal)
            ? BounceReason.OnHold
            : BounceReason.Undefined;
    }

    private static (SmtpCommand Command, BounceReason? Reason)? GmailState(string context)
    {
        var match = GmailStateNumber().Match(context);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["state"].Value switch
        {
            "6" => (SmtpCommand.MailFrom, BounceReason.FailedStartTls),
            "8" => (SmtpCommand.Helo, BounceReason.SystemError),
            "9" => (SmtpCommand.Helo, BounceReason.FailedStartTls),
            "12" => (SmtpCommand.Helo, BounceReason.NoRelaying),
            "13" => (SmtpCommand.Helo, null),
            "14" => (SmtpCommand.RcptTo, null),
            // States 15 to 18 are after DATA: the recipient's server refused the content, not the address.
            "15" or "17" or "18" => (SmtpCommand.Data, BounceReason.Filtered),
            _ => null,
        };
    }

    private static bool ContradictsUserUnknown(string text) =>
        Matches(text, ReasonPhrases.MailboxFull) || Matches(text, ReasonPhrases.HasMoved) || Matches(text, ReasonPhrases.Rejected)
        || Matches(text, ReasonPhrases.NotAccept) || Matches(text, ReasonPhrases.Filtered) || text.Contains("blacklisted", StringComparison.Ordinal)
        || text.Contains("spamhaus", StringComparison.Ordinal) || text.Contains("dnsbl", StringComparison.Ordinal);

    private static bool Matches(string text, PhraseList phrases) => phrases.IsIn(text);

    [GeneratedRegex(@"\(state (?<state>\d{1,2})\)", RegexOptions.CultureInvariant)]
    private static partial Regex GmailStateNumber();

    // "553 example.com does not exist": a host name, not an address, that does not exist.
    [GeneratedRegex(@"(?<![\w.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?\s+does not exist", RegexOptions.CultureInvariant)]
    private static partial Regex DomainDoesNotExist();
}
