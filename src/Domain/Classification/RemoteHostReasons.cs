using System.Text.RegularExpressions;

using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>
/// What the large receiving services mean by their own error codes and sentences, told apart by the
/// host that answered (the remote MTA), the recipient's domain or the host that wrote the bounce.
/// Their words outrank the generic tables: Orange's "service refused" or Yahoo's TSS04 say nothing
/// precise in general, but each provider documents what it means by them.
/// </summary>
public static partial class RemoteHostReasons
{
    private enum Provider
    {
        None,
        Aol,
        YahooInc,
        Cox,
        FrancePtt,
        Mimecast,
        Kddi,
        NttDocomo,
        MessageLabs,
    }

    // Host name suffixes of each provider's receiving (or, for MessageLabs, relaying) servers.
    private static readonly (Provider Provider, string Suffix)[] Hosts =
    [
        (Provider.Aol, ".mail.aol.com"),
        (Provider.Aol, ".mx.aol.com"),
        (Provider.YahooInc, ".yahoodns.net"),
        (Provider.Cox, "cox.net"),
        (Provider.FrancePtt, ".laposte.net"),
        (Provider.FrancePtt, ".orange.fr"),
        (Provider.FrancePtt, ".wanadoo.fr"),
        (Provider.Mimecast, ".mimecast.com"),
        (Provider.Kddi, ".ezweb.ne.jp"),
        (Provider.Kddi, "msmx.au.com"),
        (Provider.NttDocomo, "mfsmax.docomo.ne.jp"),
        (Provider.MessageLabs, ".messagelabs.com"),
    ];

    // AOL's outbound servers: a domain whose MX lookup returns garbage is one that takes no mail.
    private static readonly (BounceReason Reason, string Phrase)[] Aol =
    [
        (BounceReason.HostUnknown, "host or domain name not found"),
        (BounceReason.NotAccept, "type=mx: malformed or unexpected name server reply"),
    ];

    // Yahoo: https://senders.yahooinc.com/smtp-error-codes
    private static readonly (BounceReason Reason, string Phrase)[] Yahoo =
    [
        (BounceReason.AuthFailure, "yahoo requires all senders to authenticate"),
        (BounceReason.Blocked, "because the ip is in spamhaus's list"),
        (BounceReason.Blocked, "not accepted from ip addresses on spamhaus"),
        (BounceReason.NoRelaying, "relaying denied for "),
        (BounceReason.NotCompliantRfc, "headers are not rfc compliant"),
        (BounceReason.PolicyViolation, "not accepted for policy reasons"),
        // TSS04 is sent for volume, complaints and unauthenticated domains alike: the sender is refused.
        (BounceReason.Rejected, "temporarily deferred due to unexpected volume or user complaints"),
        (BounceReason.Rejected, "due to unresolvable rfc.5321"),
        (BounceReason.Rejected, " will be permanently deferred"),
        (BounceReason.Speeding, "user is receiving mail too quickly"),
        (BounceReason.Suspend, " is no longer valid."),
        (BounceReason.Suspend, "this mailbox is disabled"),
        (BounceReason.SyntaxError, "syntax error in parameters or arguments"),
        (BounceReason.TooManyConn, "max message per connection reached"),
        (BounceReason.UserUnknown, "dd this user doesn't have a "),
        (BounceReason.UserUnknown, "mailbox not found"),
    ];

    // Cox: the AUP#CODE in every refusal (https://www.cox.com/residential/support/email-error-codes.html).
    private static readonly Dictionary<string, BounceReason> CoxCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CXBL"] = BounceReason.Blocked,
        ["CDRBL"] = BounceReason.Blocked,
        ["CXDNS"] = BounceReason.RequirePtr,
        ["CXSNDR"] = BounceReason.AuthFailure,
        ["CXSMTP"] = BounceReason.Rejected,
        ["CXCNCT"] = BounceReason.TooManyConn,
        ["CXMXRT"] = BounceReason.TooManyConn,
        ["CXTHRT"] = BounceReason.SecurityError,
        ["CXMJ"] = BounceReason.SecurityError,
    };

    private static readonly (BounceReason Reason, string Phrase)[] Cox =
    [
        (BounceReason.Blocked, "too many bad commands from"),
        (BounceReason.Blocked, "too many invalid recipients"),
        (BounceReason.RequirePtr, "dns check failure - try again later"),
        (BounceReason.RequirePtr, "rejected - no rdns"),
        (BounceReason.PolicyViolation, "esmtp no data before greeting"),
        (BounceReason.PolicyViolation, "attachment extension is forbidden"),
        (BounceReason.SystemError, "esmtp server temporarily not available"),
        (BounceReason.TooManyConn, "too many sessions from"),
        (BounceReason.TooManyConn, "message threshold exceeded"),
        (BounceReason.UserUnknown, "recipient rejected"),
        (BounceReason.Rejected, "sender rejected"),
    ];

    // Orange and La Poste: the number after OFR/LPN/OUK ("OFR005_505", "LPN007_416") names the refusal.
    private static readonly Dictionary<string, BounceReason> OrangeCodes = new(StringComparer.Ordinal)
    {
        ["101"] = BounceReason.Blocked,
        ["102"] = BounceReason.Blocked,
        ["103"] = BounceReason.Blocked,
        ["104"] = BounceReason.TooManyConn,
        ["107"] = BounceReason.Blocked,
        ["108"] = BounceReason.Blocked,
        ["305"] = BounceReason.SecurityError,
        ["401"] = BounceReason.AuthFailure,
        ["402"] = BounceReason.SecurityError,
        ["403"] = BounceReason.Rejected,
        ["405"] = BounceReason.Rejected,
        ["415"] = BounceReason.Rejected,
        ["416"] = BounceReason.UserUnknown,
        ["417"] = BounceReason.MailboxFull,
        ["420"] = BounceReason.Suspend,
        ["421"] = BounceReason.Rejected,
        ["426"] = BounceReason.Suspend,
        ["505"] = BounceReason.SystemError,
        ["506"] = BounceReason.SpamDetected,
        ["510"] = BounceReason.Blocked,
        ["514"] = BounceReason.MesgTooBig,
        ["517"] = BounceReason.AuthFailure,
        ["630"] = BounceReason.PolicyViolation,
        ["999"] = BounceReason.Blocked,
    };

    // Mimecast: https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754
    private static readonly (BounceReason Reason, string Phrase)[] Mimecast =
    [
        (BounceReason.AuthFailure, "spf sender invalid - envelope rejected"),
        (BounceReason.AuthFailure, "dkim sender invalid - envelope rejected"),
        (BounceReason.AuthFailure, "dmarc sender invalid - envelope rejected"),
        (BounceReason.BadReputation, "local ct ip reputation"),
        (BounceReason.Blocked, "ip temporarily blacklisted"),
        (BounceReason.FailedStartTls, "this route requires encryption"),
        (BounceReason.FailedStartTls, "this route requires tls"),
        (BounceReason.MesgTooBig, "maximum email size exceeded"),
        (BounceReason.NoRelaying, "open relay not allowed"),
        (BounceReason.NoRelaying, "open relay is not allowed"),
        (BounceReason.PolicyViolation, "anti-spoofing policy"),
        (BounceReason.PolicyViolation, "content examination policy"),
        (BounceReason.PolicyViolation, "host network not allowed"),
        (BounceReason.Rejected, "administrative prohibition envelope blocked"),
        (BounceReason.Rejected, "envelope blocked - user"),
        (BounceReason.Rejected, "blocked senders"),
        (BounceReason.UserUnknown, "invalid recipient"),
        // A virus signature or a spam score over the hard limit: Mimecast does not say which.
        (BounceReason.VirusDetected, "mcspamsignature"),
        (BounceReason.VirusDetected, "virus signature detected"),
    ];

    private static readonly (BounceReason Reason, string Phrase)[] Docomo =
    [
        (BounceReason.MailboxFull, "552 too much mail data"),
        (BounceReason.TooManyConn, "552 too many recipients"),
        (BounceReason.SyntaxError, "503 bad sequence of commands"),
        (BounceReason.SyntaxError, "504 command parameter not implemented"),
    ];

    // Broadcom Email Security.cloud (MessageLabs) relays mail and reports other servers' refusals in its own words.
    private static readonly (BounceReason Reason, string Phrase)[] MessageLabs =
    [
        (BounceReason.AuthFailure, "domain authentication fail"),
        (BounceReason.BadReputation, "connection rejected by policy"),
        (BounceReason.Blocked, "your ip is in the pbl"),
        (BounceReason.Blocked, "your ip address has been "),
        (BounceReason.NotCompliantRfc, "stray linefeeds in message"),
        (BounceReason.NotCompliantRfc, "this message is not rfc 5322"),
        (BounceReason.FailedStartTls, "tls/sslv3 connection required"),
        (BounceReason.NoRelaying, " as a relay, "),
        (BounceReason.Rejected, "sender envelope domain not allowed"),
        (BounceReason.Rejected, "your domain has been blocked"),
        (BounceReason.Rejected, "your email address has been blocked"),
        (BounceReason.Rejected, "badmailfrom list"),
        (BounceReason.Rejected, "has been blacklisted"),
        (BounceReason.SpamDetected, "message filtered"),
        (BounceReason.SpamDetected, "filtered by outbound scanning"),
        (BounceReason.TooManyConn, "too many recipients received this hour"),
        (BounceReason.UserUnknown, "no such user"),
        (BounceReason.UserUnknown, "invalid recipient"),
        (BounceReason.UserUnknown, "mailbox is not allowed"),
    ];

    /// <summary>
    /// The reason a known provider means by what it answered, or null for other hosts and for
    /// answers the provider does not document.
    /// </summary>
    /// <param name="recipient">The failed address (its domain names the provider for hosted domains).</param>
    /// <param name="remoteMta">The host that answered, when the bounce names it.</param>
    /// <param name="reportingMta">The host that wrote the bounce.</param>
    /// <param name="status">The delivery status code decided so far.</param>
    /// <param name="command">The SMTP command the answer was given to.</param>
    /// <param name="lowerDiagnostic">What the host answered, lower case.</param>
    public static BounceReason? Find(string? recipient, string? remoteMta, string? reportingMta, string? status, SmtpCommand command, string lowerDiagnostic)
    {
        ArgumentNullException.ThrowIfNull(lowerDiagnostic);
        if (lowerDiagnostic.Length == 0)
        {
            return null;
        }

        return ProviderOf(recipient, remoteMta, reportingMta) switch
        {
            Provider.Aol => First(Aol, lowerDiagnostic),
            Provider.YahooInc => First(Yahoo, lowerDiagnostic),
            Provider.Cox => CoxReason(lowerDiagnostic),
            Provider.FrancePtt => OrangeReason(lowerDiagnostic),
            Provider.Mimecast => First(Mimecast, lowerDiagnostic),
            Provider.Kddi => KddiReason(lowerDiagnostic),
            Provider.NttDocomo => DocomoReason(status, command, lowerDiagnostic),
            Provider.MessageLabs => First(MessageLabs, lowerDiagnostic),
            _ => null,
        };
    }

    private static Provider ProviderOf(string? recipient, string? remoteMta, string? reportingMta)
    {
        var at = recipient?.LastIndexOf('@') ?? -1;
        if (at > 0 && recipient!.Length > at + 1)
        {
            // A hosted domain is the provider's when one of its host names ends in it (cox.net, ezweb.ne.jp).
            var domain = recipient[(at + 1)..].ToLowerInvariant();
            foreach (var (provider, suffix) in Hosts)
            {
                if (suffix.EndsWith(domain, StringComparison.Ordinal) && (suffix.Length == domain.Length || suffix[^(domain.Length + 1)] == '.'))
                {
                    return provider;
                }
            }
        }

        foreach (var host in (string?[])[remoteMta, reportingMta])
        {
            if (host is null)
            {
                continue;
            }

            var name = host.Trim().TrimEnd('.').ToLowerInvariant();
            foreach (var (provider, suffix) in Hosts)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return provider;
                }
            }
        }

        return Provider.None;
    }

    private static BounceReason? First((BounceReason Reason, string Phrase)[] table, string text)
    {
        foreach (var (reason, phrase) in table)
        {
            if (text.Contains(phrase, StringComparison.Ordinal))
            {
                return reason;
            }
        }

        return null;
    }

    private static BounceReason? CoxReason(string text)
    {
        var code = CoxCode().Match(text);
        if (code.Success)
        {
            var name = code.Groups["code"].Value;
            if (CoxCodes.TryGetValue(name, out var reason))
            {
                return reason;
            }

            // IPBLnnnn: the sending address is on one or more DNS block lists; URLBLnnn: a link in the body is.
            if (name.StartsWith("ipbl", StringComparison.Ordinal))
            {
                return BounceReason.Blocked;
            }

            if (name.StartsWith("urlbl", StringComparison.Ordinal))
            {
                return BounceReason.SpamDetected;
            }
        }

        return First(Cox, text);
    }

    private static BounceReason? OrangeReason(string text)
    {
        var code = OrangeCode().Match(text);
        if (code.Success && OrangeCodes.TryGetValue(code.Groups["code"].Value, out var reason))
        {
            return reason;
        }

        return text.Contains("spf/dns de votre nom de domaine", StringComparison.Ordinal) ? BounceReason.AuthFailure : null;
    }

    // au (KDDI) answers "550 : User unknown" without an address when its domain filter refuses the
    // sender (EZweb's own notice: "rejected by a remote mail server"), and names the address when the
    // mailbox does not exist.
    private static BounceReason? KddiReason(string text) =>
        text.Contains("550 : user unknown", StringComparison.Ordinal) || text.Contains("was rejected by a remote mail server", StringComparison.Ordinal)
            ? BounceReason.Filtered
        : text.Contains(">: user unknown", StringComparison.Ordinal) ? BounceReason.UserUnknown
        : null;

    // NTT DOCOMO says "Unknown user" for every refusal; the status and the command tell them apart:
    // after DATA it is the recipient's filter refusing the sender.
    private static BounceReason? DocomoReason(string? status, SmtpCommand command, string text)
    {
        if (status is "5.1.1" or "5.0.911")
        {
            return BounceReason.UserUnknown;
        }

        if (status == "5.2.0")
        {
            return BounceReason.Filtered;
        }

        if (First(Docomo, text) is { } reason)
        {
            return reason;
        }

        return (status, command) switch
        {
            ("5.0.0", SmtpCommand.RcptTo) => BounceReason.UserUnknown,
            ("5.0.0", SmtpCommand.Data) => BounceReason.Rejected,
            _ => null,
        };
    }

    [GeneratedRegex(@"aup#(?<code>[a-z0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CoxCode();

    [GeneratedRegex(@"(?:ofr|lpn|lpnaaa|ouk)[_\d]*?_?(?<code>\d{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex OrangeCode();
}
