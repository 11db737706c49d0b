using System.Buffers;
using System.Text.RegularExpressions;

using Backscatter.Domain.Mail;

using MimeKit;

namespace Backscatter.Domain.Classification;

/// <summary>
/// Says what a message that reached an ingest address is: which kind of bounce, auto-reply or
/// challenge, why delivery failed for each recipient, what the original was and which software
/// wrote it. Pure: bytes in, result out; never throws on mail content, whatever it is.
/// </summary>
public static partial class BounceClassifier
{
    /// <summary>
    /// Only the start of a message is read: the report and the original's headers come first, and
    /// a 50 MB attachment must not cost 50 MB of parsing.
    /// </summary>
    public const int MaxScannedBytes = 1024 * 1024;

    public static ClassificationResult Classify(ReadOnlySpan<byte> raw)
    {
        byte[] bytes;
        var scanned = raw.Length > MaxScannedBytes ? raw[..MaxScannedBytes] : raw;
        try
        {
            // A pooled buffer: a fresh copy of every message was a large share of all allocation (and of the GC's work).
            bytes = ArrayPool<byte>.Shared.Rent(Math.Max(scanned.Length, 1));
        }
        catch (OutOfMemoryException)
        {
            return Unreadable("out of memory");
        }

        try
        {
            return Classify(bytes, LineEndings.ToLf(scanned, bytes));
        }
        finally
        {
            // Nothing in the result refers to the buffer: every value in it is a string or an address of its own.
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ClassificationResult Classify(byte[] bytes, int length)
    {
        // Persistent parsing leaves part contents in the buffer instead of copying each one out;
        // the stream lives until classification is done.
        using var stream = new MemoryStream(bytes, 0, length, writable: false);
        MimeMessage message;
        try
        {
            var parser = MessageParts.Reused(stream, persistent: true);
            message = parser.ParseMessage();
        }
        catch (Exception ex) when (ex is FormatException or ParseException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return Unreadable(ex.Message);
        }

        // Disposing spares the finalizer queue: at thousands of messages a second it is the GC's biggest cost.
        using (message)
        {
            try
            {
                return Classify(message, bytes.AsMemory(0, length), forwarded: false);
            }
            catch (Exception ex) when (ex is FormatException or ParseException or InvalidOperationException or ArgumentException
                or NotSupportedException or IndexOutOfRangeException or RegexMatchTimeoutException or InvalidCastException or NullReferenceException
                or KeyNotFoundException or OverflowException or System.Text.DecoderFallbackException or IOException)
            {
                // A bug here must not lose the message: it is reported as unreadable, with the cause.
                return Unreadable(ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    private static ClassificationResult Unreadable(string error) =>
        new(MessageKind.NotABounce, [], null, null, MtaSoftware.Unknown, OriginalMessage.None, [], null, error);

    private static ClassificationResult Classify(MimeMessage message, ReadOnlyMemory<byte> raw, bool forwarded)
    {
        var headers = HeaderBlock.From(message.Headers);
        var parts = MessageParts.Of(message, raw);
        var subject = SafeSubject(message, headers);

        var (errorText, quoted) = SplitAtOriginal(parts.Text);
        var lowerError = LowerCaseCopy.Invariant(errorText);
        var originalHeaders = parts.OriginalHeaders ?? (quoted.Length > 0 ? HeaderBlock.Parse(quoted) : HeaderBlock.Empty);
        var ownReceived = ReceivedHeaderParser.ParseChain(headers.GetAll("Received"));
        var software = MtaSoftwareDetector.Detect(headers, lowerError);

        var dsn = parts.DeliveryStatus is { } dsnText ? DeliveryStatusParser.Parse(dsnText) : null;
        if (dsn is null && parts.FeedbackReport is null && errorText.Contains("Final-Recipient:", StringComparison.OrdinalIgnoreCase))
        {
            // Some MTAs write the RFC 3464 fields into the text itself.
            var inline = DeliveryStatusParser.Parse(errorText);
            dsn = inline.Recipients.Count > 0 ? inline : null;
        }

        var original = OriginalMessageReader.Read(originalHeaders, dsn?.EnvelopeSender);
        var bouncedTo = BouncedTo(headers, dsn);
        var fromAddress = OriginalMessageReader.AddressOf(headers.Get("From"));
        var reportingMta = dsn?.ReportingMta ?? DaemonHost(fromAddress);

        MessageKind kind;
        IReadOnlyList<RecipientResult> recipients;

        if (dsn is null && ServiceNotificationParser.TryParse(errorText) is { Recipients.Count: > 0 } notification)
        {
            var sesOriginal = OriginalMessageReader.Read(notification.OriginalHeaders, notification.Source);
            var complaint = notification.FeedbackType is not null;
            var sesRecipients = complaint
                ? notification.Recipients.Select(r => new RecipientResult(r.FinalRecipient!, null, null, null, null, null, BounceReason.Feedback, false, notification.FeedbackType)).ToArray()
                : DsnRecipients(new DeliveryStatusReport(notification.ReportingMta, null, notification.Source, notification.Recipients), string.Empty, string.Empty, headers, MtaSoftware.AmazonSes);
            return new ClassificationResult(
                complaint ? MessageKind.FeedbackReport : MessageKind.NonStandardBounce,
                sesRecipients,
                bouncedTo,
                notification.ReportingMta ?? reportingMta,
                MtaSoftware.AmazonSes,
                sesOriginal,
                ownReceived,
                subject,
                null);
        }

        if (headers.Get("X-Apple-Unsubscribe")?.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) == true)
        {
            // iCloud's one-click unsubscribe: the recipient asks to be taken off the list, an opt-out report.
            kind = MessageKind.FeedbackReport;
            recipients = Single(fromAddress, BounceReason.Feedback, "opt-out");
        }
        else if (parts.FeedbackReport is not null || parts.ReportType == "feedback-report" || IsComplaint(subject))
        {
            kind = MessageKind.FeedbackReport;
            recipients = FeedbackRecipients(parts.FeedbackReport ?? string.Empty, original);
        }
        else if (dsn is { Recipients.Count: > 0 } && (parts.DeliveryStatus is not null || IsBounceLike(headers, subject, fromAddress, lowerError)))
        {
            kind = parts.DeliveryStatus is not null ? MessageKind.DeliveryStatusNotification : MessageKind.NonStandardBounce;
            recipients = DsnRecipients(dsn, errorText, lowerError, headers, software);
        }
        else if (ChallengeResponseDetector.IsChallenge(headers, subject, lowerError))
        {
            kind = MessageKind.ChallengeResponse;
            recipients = Single(fromAddress, BounceReason.Filtered, null);
        }
        else if (VirusNoticeDetector.IsVirusNotice(subject, lowerError))
        {
            kind = MessageKind.VirusNotice;
            recipients = Single(original.To ?? fromAddress, BounceReason.VirusDetected, null);
        }
        else if (!forwarded && parts.Attached is { } attached && !TextBounceParser.HasSmtpDetail(errorText)
            && Classify(attached, raw, forwarded: true) is { IsBounce: true, Recipients.Count: > 0 } inner)
        {
            // A bounce forwarded as an attachment (by a person, or by a gateway that wraps what it
            // relays): the attached report is the one to read; where the wrapper went and how it
            // travelled stay the wrapper's.
            return inner with { Received = ownReceived, BouncedTo = bouncedTo ?? inner.BouncedTo };
        }
        else if (IsBounceLike(headers, subject, fromAddress, lowerError)
            && TextRecipients(errorText, lowerError, headers, original, software) is { Count: > 0 } textRecipients)
        {
            kind = MessageKind.NonStandardBounce;
            recipients = textRecipients;
        }
        else if (AutoReplyDetector.IsAutoReply(headers, subject, lowerError))
        {
            kind = MessageKind.AutoReply;
            recipients = Single(fromAddress, BounceReason.Vacation, null);
        }
        else
        {
            kind = MessageKind.NotABounce;
            recipients = [];
        }

        return new ClassificationResult(kind, recipients, bouncedTo, reportingMta, software, original, ownReceived, subject, null);
    }

    // Complaint loops that predate ARF (Microsoft JMRP, some webmail providers) send the complained-about message as a plain attachment.
    private static bool IsComplaint(string? subject) =>
        subject is not null && (subject.Contains("complaint about message from", StringComparison.OrdinalIgnoreCase)
            || subject.StartsWith("abuse report", StringComparison.OrdinalIgnoreCase));

    private static string? SafeSubject(MimeMessage message, HeaderBlock headers)
    {
        try
        {
            // The first Subject field, as MimeKit decodes it, without its decoder for plain ASCII.
            return headers.Get("Subject") ?? (message.Headers.Count > HeaderBlock.MaxFields ? message.Subject : null);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
        {
            return message.Headers[HeaderId.Subject];
        }
    }

    private static IReadOnlyList<RecipientResult> Single(string? address, BounceReason reason, string? feedbackType) =>
        address is null ? [] : [new RecipientResult(address, null, null, null, null, null, reason, false, feedbackType)];

    private static bool IsBounceLike(HeaderBlock headers, string? subject, string? fromAddress, string lowerError)
    {
        if (headers.Has("X-Failed-Recipients"))
        {
            return true;
        }

        var nullSender = headers.Get("Return-Path")?.Trim() is "<>" or "";
        var from = headers.Get("From")?.ToLowerInvariant() ?? string.Empty;
        var daemon = DaemonSender().IsMatch(from) || fromAddress?.StartsWith("root@", StringComparison.Ordinal) == true;
        var bounceSubject = subject is not null && BounceTextMarkers.BounceSubject().IsMatch(subject);
        var bounceText = BounceTextMarkers.HasBounceSentence(lowerError);
        // A mailing-list manager (fml, Mailman, ...) refusing a post answers from its -admin/-owner address.
        var listManager = IsListManager(headers, fromAddress);
        var signals = (nullSender ? 1 : 0) + (daemon ? 1 : 0) + (bounceSubject ? 1 : 0) + (bounceText ? 1 : 0) + (listManager ? 2 : 0);
        return signals >= 2 || (bounceText && TextBounceParser.HasSmtpDetail(lowerError));
    }

    private static IReadOnlyList<RecipientResult> DsnRecipients(DeliveryStatusReport dsn, string errorText, string lowerError, HeaderBlock headers, MtaSoftware software)
    {
        var results = new List<RecipientResult>(dsn.Recipients.Count);
        IReadOnlyList<TextBounceRecipient>? fromText = null;
        foreach (var recipient in dsn.Recipients)
        {
            var address = recipient.FinalRecipient ?? recipient.OriginalRecipient!;
            var diagnostic = recipient.DiagnosticCode;
            // What the text says about the recipient counts only where the report says too little, for an
            // expiry, or as the context of one of several recipients: a full diagnostic needs no text scan.
            var textCounts = dsn.Recipients.Count > 1 || string.IsNullOrWhiteSpace(diagnostic) || !HasReason(diagnostic)
                || (recipient.Status is { } expiry && IsExpiry(expiry));
            string? textSays = null;
            if (textCounts)
            {
                fromText ??= TextBounceParser.Parse(errorText, NotRecipients(headers), includeDaemons: true);
                var match = fromText.FirstOrDefault(t => t.Address.Equals(address, StringComparison.OrdinalIgnoreCase)
                    || (recipient.OriginalRecipient is { } o && t.Address.Equals(o, StringComparison.OrdinalIgnoreCase)));
                textSays = match?.Diagnostic is { Length: > 0 } d ? d
                    : dsn.Recipients.Count == 1 ? TextBounceParser.SmtpLines(errorText) : null;
            }

            if ((string.IsNullOrWhiteSpace(diagnostic) || !HasReason(diagnostic)) && !string.IsNullOrWhiteSpace(textSays))
            {
                // The DSN part says little; the human-readable part usually says why.
                diagnostic = string.IsNullOrWhiteSpace(diagnostic) ? textSays : diagnostic + " " + textSays;
            }
            else if (recipient.Status is { } given && IsExpiry(given) && !string.IsNullOrWhiteSpace(textSays) && diagnostic?.Contains(textSays, StringComparison.Ordinal) != true)
            {
                // An expiry report: the attempts listed in the text say what kept failing.
                diagnostic += " " + textSays;
            }

            // Postfix and others name the failed command only in the human-readable part.
            var commandContext = dsn.Recipients.Count == 1
                ? LoweredContext(diagnostic, errorText, lowerError) ?? diagnostic + " " + (errorText.Length > 4000 ? errorText[..4000] : errorText)
                : diagnostic + " " + textSays;
            results.Add(Build(address, recipient.Action, recipient.Status, recipient.DiagnosticType, diagnostic, recipient.RemoteMta, commandContext, software, dsn.ReportingMta));
        }

        return results;
    }

    /// <summary>
    /// The context of a report's only recipient, its diagnostic and the start of the text, built from
    /// the lowered pieces: it is only ever read lower-cased, and compared with the diagnostic, which
    /// it never equals (it is longer). Lowering the joined copy again was a large share of the work.
    /// </summary>
    private static string? LoweredContext(string? diagnostic, string errorText, string lowerError)
    {
        if (StartOf(errorText, lowerError) is not { } lowerStart)
        {
            return null;
        }

        var context = string.Concat(diagnostic is null ? string.Empty : LowerCaseCopy.Of(diagnostic), " ", lowerStart);
        LowerCaseCopy.Remember(context, context);
        return context;
    }

    /// <summary>The lowered first 4,000 characters, unless a character pair is cut there (it lowers differently whole).</summary>
    private static string? StartOf(string errorText, string lowerError) =>
        errorText.Length <= 4000 ? lowerError
        : char.IsHighSurrogate(errorText[3999]) ? null
        : lowerError[..4000];

    private static bool HasReason(string diagnostic) => diagnostic.Trim().Length > 12;

    private static bool IsListManager(HeaderBlock headers, string? fromAddress) =>
        headers.Has("X-MLServer") || (fromAddress is not null && ListAdmin().IsMatch(fromAddress) && headers.Has("List-Id"));

    private static List<RecipientResult> TextRecipients(string errorText, string lowerError, HeaderBlock headers, OriginalMessage original, MtaSoftware software)
    {
        var found = TextBounceParser.Parse(errorText, NotRecipients(headers, original));
        if (found.Count > 1 && IsListManager(headers, OriginalMessageReader.AddressOf(headers.Get("From"))))
        {
            // A list manager refuses one post to one list; further addresses in its text are where to write for help.
            found = [found[0]];
        }

        if (found.Count == 0)
        {
            // The bounce may be addressed to the very mailbox that failed (a forwarding loop, a test).
            found = TextBounceParser.Parse(errorText, new HashSet<string>());
        }

        var results = new List<RecipientResult>(found.Count);
        foreach (var recipient in found)
        {
            var diagnostic = recipient.Diagnostic;
            if (found.Count == 1 && !TextBounceParser.HasSmtpDetail(diagnostic))
            {
                // Sendmail-style notices list the address in one place and the server's answer in the transcript.
                diagnostic = (diagnostic + " " + TextBounceParser.SmtpLines(errorText)).Trim();
            }

            // The whole text speaks about a single recipient; with several, each has only its own lines.
            var context = found.Count == 1 ? (errorText.Length > 4000 ? errorText[..4000] : errorText) : diagnostic;
            if (found.Count == 1 && StartOf(errorText, lowerError) is { } lowerContext)
            {
                LowerCaseCopy.Remember(context, lowerContext);
            }

            results.Add(Build(recipient.Address, null, null, null, diagnostic, null, context, software));
        }

        if (results.Count == 0)
        {
            // No address in the text: the bounce still names its recipients in a header or in the original.
            var failed = headers.Get("X-Failed-Recipients")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var addresses = failed is { Length: > 0 } ? failed.Select(a => a.ToLowerInvariant()) : original.To is { } to ? [to] : [];
            var diagnostic = TextBounceParser.SmtpLines(errorText);
            if (diagnostic.Length == 0)
            {
                diagnostic = errorText.Length > 2000 ? errorText[..2000] : errorText;
            }

            diagnostic = diagnostic.Trim();
            foreach (var address in addresses)
            {
                // The context is the diagnostic itself: nothing in the text was said about this recipient alone.
                results.Add(Build(address, null, null, null, diagnostic, null, diagnostic, software));
            }
        }

        return results;
    }

    private static HashSet<string> NotRecipients(HeaderBlock headers, OriginalMessage? original = null)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (string[])["From", "To", "Return-Path", "Reply-To", "Sender"])
        {
            if (OriginalMessageReader.AddressOf(headers.Get(name)) is { } address)
            {
                set.Add(address);
            }
        }

        if (original?.From is { } originalFrom)
        {
            set.Add(originalFrom);
        }

        if (original?.EnvelopeSender is { } envelope)
        {
            set.Add(envelope);
        }

        return set;
    }

    private static IReadOnlyList<RecipientResult> FeedbackRecipients(string report, OriginalMessage original)
    {
        var fields = HeaderBlock.Parse(report);
        var type = fields.Get("Feedback-Type")?.Trim().ToLowerInvariant();
        var addresses = fields.GetAll("Original-Rcpt-To").Select(v => OriginalMessageReader.AddressOf(v)).OfType<string>().Distinct().ToList();
        // Without Original-Rcpt-To the report still names who complained or whose mail it was, in this order.
        if (addresses.Count == 0
            && (OriginalMessageReader.AddressOf(fields.Get("Removal-Recipient"))
                ?? original.To
                ?? original.From
                ?? OriginalMessageReader.AddressOf(fields.Get("Original-Mail-From"))) is { } fallback)
        {
            addresses.Add(fallback);
        }

        return addresses.Select(a => new RecipientResult(a, null, null, null, null, null, BounceReason.Feedback, false, type)).ToArray();
    }

    internal static RecipientResult Build(
        string address, string? action, string? explicitStatus, string? diagnosticType, string? diagnostic, string? remoteMta,
        string? context = null, MtaSoftware software = MtaSoftware.Unknown, string? reportingMta = null)
    {
        var replyCode = diagnostic is null ? null : ReplyCodeIn(diagnostic);
        var textStatus = diagnostic is null ? null : StatusIn(diagnostic);
        var status = PreferredStatus(explicitStatus, textStatus, replyCode);
        var reasonText = diagnostic;
        if (software == MtaSoftware.AmazonSes && diagnostic is not null && NestedReply().Match(diagnostic) is { Success: true } nested)
        {
            // Amazon SES and WorkMail wrap the remote server's answer in their own ("Unknown address error
            // 550-'5.7.1 ... Access denied'", "Message expired ... <421 4.4.2 Connection timed out>"): the inner one is why.
            replyCode = nested.Groups["reply"].Value;
            status = nested.Groups["status"].Value;
            reasonText = diagnostic[nested.Index..];
        }

        var command = SmtpCommandFinder.Find((context ?? diagnostic) is { } said ? LowerCaseCopy.Of(said) : null);
        var remoteHost = remoteMta ?? (diagnostic is null ? null : RemoteHostInText().Match(diagnostic) is { Success: true } host ? host.Groups["host"].Value : null);
        var reason = ReasonFinder.Find(new FailureFacts(status, reasonText, action, diagnosticType, command, context, software, address, remoteHost, reportingMta));
        if (status is null)
        {
            // No code anywhere: the taxonomy's own x.0.9nn code for the reason, 4 when the MTA will retry.
            var temporary = replyCode?.StartsWith('4') == true || action is "delayed"
                || (diagnostic is not null && Temporary().IsMatch(diagnostic));
            // Refused at MAIL FROM, the recipient itself was never tried: its own status is on hold,
            // whatever the server said about the sender.
            status = StatusCodeReasons.InternalCodeOf(command == SmtpCommand.MailFrom ? BounceReason.OnHold : reason, temporary);
        }

        return new RecipientResult(
            address,
            action,
            status,
            replyCode,
            diagnostic,
            remoteMta,
            reason,
            BounceReasonNames.IsHardBounce(reason, status),
            null);
    }

    private static string? PreferredStatus(string? explicitStatus, string? textStatus, string? replyCode)
    {
        if (explicitStatus is null || !StatusCode().IsMatch(explicitStatus))
        {
            return textStatus;
        }

        // The code in the server's own words is more precise than the one the reporting MTA chose,
        // unless it is only the generic x.0.0.
        if (textStatus is not null && textStatus[0] == explicitStatus[0] && !textStatus.EndsWith(".0.0", StringComparison.Ordinal))
        {
            return textStatus;
        }

        // A DSN that says 4.x.x for a server that answered 5xx with a 5.x.x code is wrong about the class.
        if (textStatus is not null && textStatus[0] != explicitStatus[0] && replyCode?[0] == textStatus[0])
        {
            return textStatus;
        }

        return explicitStatus;
    }

    // A transcript shows the successes before the failure: the first 4xx/5xx code is the one that counts.
    private static string? ReplyCodeIn(string diagnostic)
    {
        string? success = null;
        foreach (var match in ReplyCode().EnumerateMatches(diagnostic))
        {
            // The code is the match's last three characters (what precedes it is at most one separator).
            var code = diagnostic.AsSpan(match.Index + match.Length - 3, 3);
            if (code[0] != '2')
            {
                return code.ToString();
            }

            success ??= code.ToString();
        }

        return success;
    }

    private static string? StatusIn(string diagnostic)
    {
        string? success = null, expired = null;
        foreach (var match in StatusCode().EnumerateMatches(diagnostic))
        {
            var status = diagnostic.AsSpan(match.Index, match.Length);
            if (status[0] == '2')
            {
                success ??= status.ToString();
            }
            else if (IsExpiry(status))
            {
                // x.4.7 only says the queue gave up; an attempt's own code says why.
                expired ??= status.ToString();
            }
            else
            {
                return status.ToString();
            }
        }

        return expired ?? success;
    }

    private static bool IsExpiry(ReadOnlySpan<char> status) => status.Length == 5 && status.EndsWith(".4.7", StringComparison.Ordinal);

    private static (string Error, string Quoted) SplitAtOriginal(string text)
    {
        // Markers never span lines, so a text without any has no line that starts the original.
        if (BounceTextMarkers.HasNoOriginalMarker(text))
        {
            return (text, string.Empty);
        }

        var position = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.Length is > 8 and < 200 && BounceTextMarkers.StartsOriginal(line))
            {
                return (text[..position], text[Math.Min(text.Length, position + line.Length + 1)..]);
            }

            position += line.Length + 1;
            if (position >= text.Length)
            {
                break;
            }
        }

        return (text, string.Empty);
    }

    private static string? BouncedTo(HeaderBlock headers, DeliveryStatusReport? dsn) =>
        OriginalMessageReader.AddressOf(headers.Get("To"))
        ?? OriginalMessageReader.AddressOf(headers.Get("X-Original-To"))
        ?? OriginalMessageReader.AddressOf(headers.Get("Delivered-To"))
        ?? dsn?.EnvelopeSender;

    private static string? DaemonHost(string? fromAddress)
    {
        if (fromAddress is null)
        {
            return null;
        }

        var at = fromAddress.IndexOf('@', StringComparison.Ordinal);
        var local = fromAddress[..Math.Max(at, 0)];
        return at > 0 && (local.Contains("daemon", StringComparison.Ordinal) || local == "postmaster") ? fromAddress[(at + 1)..] : null;
    }

    [GeneratedRegex(@"-(admin|owner|bounces|request)@", RegexOptions.CultureInvariant)]
    private static partial Regex ListAdmin();

    [GeneratedRegex(@"mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|postmaster|mail delivery (subsystem|system)|mail administrator|mail system", RegexOptions.CultureInvariant)]
    private static partial Regex DaemonSender();

    [GeneratedRegex(@"(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex StatusCode();

    // Words with which an MTA says it will try again: the failure is temporary even without a 4xx code.
    [GeneratedRegex(@"retry timeout exceeded|details of temporary failure|retry time not reached|all hosts have been failing|delivery temporarily suspended|temporarily deferred", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Temporary();

    // A reply quoted inside another: "error 550-'5.7.1 ...", "...minutes.<421 4.4.2 ...".
    [GeneratedRegex(@"(?:[<']|error )(?<reply>[45]\d\d)[ \-]'?(?<status>[45]\.\d{1,3}\.\d{1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex NestedReply();

    // Postfix and qmail name the server that answered: "host mx.example.com[192.0.2.1] said:".
    [GeneratedRegex(@"\bhost (?<host>[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,})\s*\[", RegexOptions.CultureInvariant)]
    private static partial Regex RemoteHostInText();

    [GeneratedRegex(@"(?:^|[\s:;(\[<""'=])[245][0-5]\d(?=[\s\-,:]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyCode();
}
