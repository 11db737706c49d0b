using System.Text;
using System.Text.RegularExpressions;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Finds the failed recipients in the plain text of a bounce (Postfix, Exim, qmail, Sendmail,
/// Exchange, Gmail, ... all write "address, then why") and the lines that explain each failure.
/// Works on shapes, not on vendors: an address standing alone or leading its line, an address in a
/// transcript ("RCPT TO:&lt;a&gt;", "&lt;a&gt;... User unknown"), then the paragraph that follows.
/// </summary>
public static partial class TextBounceParser
{
    public const int MaxRecipients = 200;
    public const int MaxLines = 3000;
    public const int MaxScannedChars = 32 * 1024;

    /// <param name="errorText">The human-readable part of the bounce, up to the returned message.</param>
    /// <param name="notRecipients">Addresses that are never the failed recipient (the bounce's own From, To, ...).</param>
    /// <param name="includeDaemons">
    /// Whether postmaster and mailer-daemon addresses count: in a text alone they are where to write for
    /// help, but a delivery report may name one as the recipient that failed.
    /// </param>
    public static IReadOnlyList<TextBounceRecipient> Parse(string errorText, IReadOnlySet<string> notRecipients, bool includeDaemons = false)
    {
        ArgumentNullException.ThrowIfNull(errorText);
        ArgumentNullException.ThrowIfNull(notRecipients);

        // Lines as places in the text: most are only looked at, few become strings.
        var lines = SplitLines(errorText);
        var found = new List<(string Address, int Line, string Tail)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < lines.Count; i++)
        {
            if (RecipientOf(Line(errorText, lines[i])) is not { } hit)
            {
                continue;
            }

            var address = hit.Address.ToLowerInvariant();
            if (notRecipients.Contains(address) || (!includeDaemons && IsDaemon(address)))
            {
                continue;
            }

            if (seen.Add(address))
            {
                found.Add((address, i, hit.Tail));
                if (found.Count == MaxRecipients)
                {
                    break;
                }
            }
        }

        var recipients = new List<TextBounceRecipient>(found.Count);
        for (var r = 0; r < found.Count; r++)
        {
            var (address, line, rest) = found[r];
            var end = r + 1 < found.Count ? found[r + 1].Line : lines.Count;
            var diagnostic = new StringBuilder(rest.Trim());
            var blankRun = 0;
            for (var i = line + 1; i < end && i < line + 40; i++)
            {
                var text = Line(errorText, lines[i]).Trim();
                if (text.Length == 0)
                {
                    // Exim and qmail put the reason in the paragraph right after the address; one blank
                    // line may separate them when the address stands alone or a line announces the reason.
                    var announces = diagnostic.Length > 0 && diagnostic[^1] == ':';
                    if ((diagnostic.Length > 0 && !announces && HasSmtpDetail(diagnostic.ToString())) || ++blankRun > 1)
                    {
                        break;
                    }

                    continue;
                }

                diagnostic.Append(diagnostic.Length > 0 ? " " : string.Empty).Append(text);
                blankRun = 0;
            }

            if (diagnostic.Length == 0)
            {
                // Lotus Notes and a few others write the reason first and the address under it.
                for (var i = line - 1; i >= 0 && i >= line - 2; i--)
                {
                    var text = Line(errorText, lines[i]).Trim();
                    if (text.Length == 0 || text.StartsWith("---", StringComparison.Ordinal))
                    {
                        break;
                    }

                    diagnostic.Insert(0, string.Concat(text, " "));
                }
            }

            if (!HasSmtpDetail(diagnostic.ToString()))
            {
                // Sendmail lists the addresses first and explains them in the session transcript.
                AppendLinesMentioning(diagnostic, errorText, lines, address, line);
            }

            recipients.Add(new TextBounceRecipient(address, diagnostic.ToString().Trim()));
        }

        return recipients;
    }

    /// <summary>The SMTP-looking lines of a text (reply codes, enhanced status codes), for a bounce that names no recipient.</summary>
    public static string SmtpLines(string errorText)
    {
        ArgumentNullException.ThrowIfNull(errorText);
        var builder = new StringBuilder();
        var count = 0;
        foreach (var line in errorText.AsSpan().EnumerateLines())
        {
            if (++count > MaxLines)
            {
                break;
            }

            if (SmtpDetail().IsMatch(line))
            {
                builder.Append(line.Trim()).Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    public static bool HasSmtpDetail(string text) => SmtpDetail().IsMatch(text);

    private static void AppendLinesMentioning(StringBuilder diagnostic, string errorText, List<Range> lines, string address, int except)
    {
        var taken = 0;
        for (var i = 0; i < lines.Count && taken < 6; i++)
        {
            if (i == except || !Line(errorText, lines[i]).Contains(address, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            diagnostic.Append(' ').Append(Line(errorText, lines[i]).Trim());
            taken++;
            // The server's answer follows the command that named the address.
            for (var j = i + 1; j < lines.Count && j <= i + 3; j++)
            {
                var next = Line(errorText, lines[j]).Trim();
                if (next.Length == 0 || RecipientOf(Line(errorText, lines[j])) is not null)
                {
                    break;
                }

                diagnostic.Append(' ').Append(next);
                taken++;
            }
        }
    }

    private static ReadOnlySpan<char> Line(string text, Range line) => text.AsSpan()[line];

    private static (string Address, string Tail)? RecipientOf(ReadOnlySpan<char> line)
    {
        if (line.Length > 1000 || !line.Contains('@') || NotRecipientField().IsMatch(line))
        {
            return null;
        }

        return RecipientOf(line.ToString());
    }

    private static (string Address, string Tail)? RecipientOf(string line)
    {
        // An address in a transcript's RCPT TO: the whole line is the explanation, the command included.
        var command = RcptCommand().Match(line);
        if (command.Success)
        {
            return (command.Groups["addr"].Value, line.Trim());
        }

        var leading = LeadingAddress().Match(line);
        if (leading.Success)
        {
            var rest = leading.Groups["rest"].Value;
            if (IsRecipientTail(rest))
            {
                return (leading.Groups["addr"].Value, TailText(rest));
            }
        }

        // An address inside a sentence or a transcript line: the whole line is the explanation.

        var transcript = TranscriptAddress().Match(line);
        if (transcript.Success)
        {
            return (transcript.Groups["addr"].Value, line.Trim());
        }

        var labelled = LabelledAddress().Match(line);
        if (labelled.Success)
        {
            return (labelled.Groups["addr"].Value, labelled.Groups["rest"].Value);
        }

        return null;
    }

    // What may follow an address that leads its line: nothing, a colon and the reason, "(expanded from ...)",
    // Exchange's " on 1/2/2024", Sendmail's "... User unknown", a comment.
    private static bool IsRecipientTail(string rest)
    {
        var tail = rest.TrimStart();
        return tail.Length == 0
            || tail[0] is ':' or '(' or ',' or ';' or '-' or '[' or '\u3000'
            || tail.StartsWith("...", StringComparison.Ordinal)
            || tail.StartsWith("on ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("<", StringComparison.Ordinal)
            || tail.StartsWith("error", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("host ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("user ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("mailbox ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("smtp", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("is ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("was ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("because ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("unknown", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("failed", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("does ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("could ", StringComparison.OrdinalIgnoreCase)
            || tail.StartsWith("delivery", StringComparison.OrdinalIgnoreCase);
    }

    private static string TailText(string rest)
    {
        var tail = rest.TrimStart().TrimStart(':', ',', ';', '-', '.').Trim();
        if (tail.StartsWith("(expanded from", StringComparison.OrdinalIgnoreCase) || tail.StartsWith("(generated from", StringComparison.OrdinalIgnoreCase))
        {
            var close = tail.IndexOf(')', StringComparison.Ordinal);
            tail = close >= 0 ? tail[(close + 1)..].TrimStart(':', ' ') : string.Empty;
        }

        return tail;
    }

    private static bool IsDaemon(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? address[..at] : address;
        return local is "mailer-daemon" or "postmaster" or "mail-daemon" or "mailerdaemon";
    }

    private static List<Range> SplitLines(string text)
    {
        // The explanation of a failure is near its top; a long text is the returned message itself.
        var lines = new List<Range>();
        var scanned = text.AsSpan(0, Math.Min(text.Length, MaxScannedChars));
        foreach (var line in scanned.EnumerateLines())
        {
            scanned.Overlaps(line, out var start);
            lines.Add(new Range(start, start + line.Length));
            if (lines.Count == MaxLines)
            {
                break;
            }
        }

        return lines;
    }

    [GeneratedRegex(@"^[\s>*-]*(?:(?:to|recipient|address|for|rcpt to|rcpt|final-recipient|original-recipient|failed recipient|invalid recipient)s?\s*:?\s*)?(?:rfc822;\s*)?[""']?<?(?:mailto:)?(?<addr>[^\s<>()""',;:@]+@[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])>?[""']?(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAddress();

    [GeneratedRegex(@"RCPT TO:\s*<(?<addr>[^\s<>()""',;:@]+@[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RcptCommand();

    [GeneratedRegex(@"\s<(?<addr>[^\s<>()""',;:@]+@[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])>(?:\.\.\.|:|\s*\(|\.?\s*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TranscriptAddress();

    [GeneratedRegex(@"(?:recipient|address|destinataire|empfänger|destinatario|宛先)[^:]{0,30}:\s*<?(?<addr>[^\s<>()""',;:@]+@[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])>?(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledAddress();

    // Header fields quoted in the text name message ids and senders, never the failed recipient.
    [GeneratedRegex(@"^[\s>]*(?:message-id|in-reply-to|references|from|sender|reply-to|return-path|received|date|subject|content-[\w-]+|x-[\w-]+|mail from|errors-to|list-[\w-]+)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotRecipientField();

    [GeneratedRegex(@"(?:^|[\s(#\[:])(?:[245]\d\d[\s-]|[245]\.\d{1,3}\.\d{1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex SmtpDetail();
}
