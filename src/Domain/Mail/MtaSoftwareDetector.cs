using System.Collections.Frozen;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Recognises the software that wrote a bounce from what it leaves behind: its own headers, the
/// sender address it uses, and the fixed sentences of its notices. First match in table order wins,
/// so specific products come before the MTAs they run on.
/// </summary>
public static class MtaSoftwareDetector
{
    private enum Where
    {
        HeaderName,
        HeaderValue,
        From,
        Body,
    }

    private sealed record Sign(MtaSoftware Software, Where Where, string Text, string? Header = null);

    private static readonly Sign[] Signs =
    [
        new(MtaSoftware.AmazonSes, Where.HeaderName, "X-SES-Outgoing"),
        new(MtaSoftware.AmazonSes, Where.From, "amazonses.com"),
        new(MtaSoftware.AmazonSes, Where.Body, "\"notificationtype\""),
        new(MtaSoftware.SendGrid, Where.HeaderName, "X-SendGrid-Eid"),
        new(MtaSoftware.SendGrid, Where.From, "sendgrid"),
        new(MtaSoftware.GoogleGroups, Where.HeaderName, "X-Google-Group-Id"),
        new(MtaSoftware.GoogleGroups, Where.Body, "google groups"),
        new(MtaSoftware.Office365, Where.HeaderName, "X-MS-Exchange-CrossTenant-Id"),
        new(MtaSoftware.Office365, Where.Body, "office 365"),
        new(MtaSoftware.Office365, Where.Body, ".outlook.com"),
        new(MtaSoftware.Exchange, Where.HeaderName, "X-MS-Exchange-Message-Is-Ndr"),
        new(MtaSoftware.Exchange, Where.HeaderName, "X-MS-Exchange-Organization-SCL"),
        new(MtaSoftware.Exchange, Where.HeaderName, "X-MimeOLE"),
        new(MtaSoftware.Exchange, Where.Body, "delivery has failed to these recipients or groups"),
        new(MtaSoftware.Exchange, Where.Body, "your message did not reach some or all of the intended recipients"),
        new(MtaSoftware.Exchange, Where.Body, "microsoft exchange"),
        new(MtaSoftware.Gmail, Where.From, "mailer-daemon@googlemail.com"),
        new(MtaSoftware.Gmail, Where.From, "mailer-daemon@google.com"),
        new(MtaSoftware.Gmail, Where.Body, "delivery to the following recipient failed"),
        new(MtaSoftware.Gmail, Where.Body, "google tried to deliver your message"),
        new(MtaSoftware.Gmail, Where.Body, "gmail"),
        new(MtaSoftware.Yahoo, Where.From, "yahoo"),
        new(MtaSoftware.Yahoo, Where.Body, "this is the mail delivery agent at yahoo"),
        new(MtaSoftware.Aol, Where.From, "aol.com"),
        new(MtaSoftware.MailRu, Where.From, "mail.ru"),
        new(MtaSoftware.Yandex, Where.From, "yandex"),
        new(MtaSoftware.Zoho, Where.HeaderName, "X-ZohoMail"),
        new(MtaSoftware.Zoho, Where.From, "zoho"),
        new(MtaSoftware.Gmx, Where.HeaderName, "X-UI-Out-Filterresults"),
        new(MtaSoftware.Gmx, Where.From, "gmx."),
        new(MtaSoftware.Verizon, Where.From, "verizon"),
        new(MtaSoftware.Biglobe, Where.From, "biglobe"),
        new(MtaSoftware.Ezweb, Where.From, "ezweb.ne.jp"),
        new(MtaSoftware.Kddi, Where.From, "kddi"),
        new(MtaSoftware.Mimecast, Where.HeaderName, "X-MC-Unique"),
        new(MtaSoftware.Mimecast, Where.Body, "mimecast"),
        new(MtaSoftware.Barracuda, Where.HeaderName, "X-Barracuda-Connect"),
        new(MtaSoftware.Barracuda, Where.Body, "barracuda"),
        new(MtaSoftware.TrendMicro, Where.Body, "interscan"),
        new(MtaSoftware.TrendMicro, Where.HeaderName, "X-TM-AS-Product-Ver"),
        new(MtaSoftware.McAfee, Where.HeaderName, "X-NAI-Header"),
        new(MtaSoftware.McAfee, Where.Body, "mcafee"),
        new(MtaSoftware.MxLogic, Where.HeaderName, "X-MXL-NoteHash"),
        new(MtaSoftware.MxLogic, Where.Body, "mxlogic"),
        new(MtaSoftware.MailMarshal, Where.Body, "mailmarshal"),
        new(MtaSoftware.MailFoundry, Where.Body, "mailfoundry"),
        new(MtaSoftware.SurfControl, Where.HeaderName, "X-SEF-Processed"),
        new(MtaSoftware.ActiveHunter, Where.HeaderName, "X-AHMAILID"),
        new(MtaSoftware.MFilter, Where.Body, "m-filter"),
        new(MtaSoftware.ImailServer, Where.HeaderName, "X-Mailer-Daemon"),
        new(MtaSoftware.ImailServer, Where.HeaderValue, "imail", "X-Mailer"),
        new(MtaSoftware.Amavis, Where.Body, "amavis"),
        new(MtaSoftware.ApacheJames, Where.Body, "apache james"),
        new(MtaSoftware.ApacheJames, Where.HeaderValue, "JAMES", "Message-ID"),
        new(MtaSoftware.Domino, Where.Body, "lotus domino"),
        new(MtaSoftware.Domino, Where.HeaderValue, "domino", "X-Mailer"),
        new(MtaSoftware.Notes, Where.Body, "lotus notes"),
        new(MtaSoftware.Notes, Where.HeaderValue, "notes", "X-Mailer"),
        new(MtaSoftware.PowerMta, Where.HeaderName, "X-PowerMTA-BounceCategory"),
        new(MtaSoftware.Zimbra, Where.HeaderValue, "zimbra", "X-Mailer"),
        new(MtaSoftware.MessagingServer, Where.HeaderValue, "oracle communications messaging server", "Content-Type"),
        new(MtaSoftware.MessagingServer, Where.Body, "this report relates to a message you sent"),
        new(MtaSoftware.MessagingServer, Where.Body, "messaging server"),
        new(MtaSoftware.Fml, Where.HeaderName, "X-MLServer"),
        new(MtaSoftware.Courier, Where.Body, "courier mail server"),
        new(MtaSoftware.Courier, Where.HeaderValue, "courier", "Received"),
        new(MtaSoftware.OpenSmtpd, Where.Body, "this is the mailer-daemon at"),
        new(MtaSoftware.OpenSmtpd, Where.HeaderValue, "opensmtpd", "Received"),
        new(MtaSoftware.Dragonfly, Where.Body, "dragonfly mail agent"),
        new(MtaSoftware.Dragonfly, Where.HeaderValue, "dma", "Received"),
        new(MtaSoftware.Qmail, Where.Body, "this is the qmail-send program"),
        new(MtaSoftware.Qmail, Where.Body, "qmail-send"),
        new(MtaSoftware.Qmail, Where.HeaderValue, "qmail", "Received"),
        new(MtaSoftware.Exim, Where.HeaderName, "X-Failed-Recipients"),
        new(MtaSoftware.Exim, Where.Body, "this message was created automatically by mail delivery software"),
        new(MtaSoftware.Postfix, Where.HeaderName, "X-Postfix-Queue-ID"),
        new(MtaSoftware.Postfix, Where.Body, "x-postfix-"),
        new(MtaSoftware.Postfix, Where.Body, "this is the mail system at host"),
        new(MtaSoftware.Postfix, Where.Body, "the mail system"),
        new(MtaSoftware.Sendmail, Where.Body, "----- transcript of session follows -----"),
        new(MtaSoftware.Sendmail, Where.Body, "the original message was received at"),
        new(MtaSoftware.Postfix, Where.HeaderValue, "(postfix)", "Received"),
        new(MtaSoftware.Sendmail, Where.HeaderValue, "sendmail", "Received"),
        new(MtaSoftware.Exim, Where.HeaderValue, "exim", "Received"),
    ];

    // Most texts hold none of the body sentences: one pass over the text says so for all of them.
    private static readonly FrozenSet<string> SignHeaderNames =
        Signs.Where(s => s.Where == Where.HeaderName).Select(s => s.Text).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // At most 64 of them: which ones a text holds is kept in one ulong.
    private static readonly string[] BodySigns = Signs.Where(s => s.Where == Where.Body).Select(s => s.Text).Distinct().ToArray();

    private static readonly System.Buffers.SearchValues<string> AnyBodySign = System.Buffers.SearchValues.Create(BodySigns, StringComparison.Ordinal);

    // Each sign's bit in what BodySignsIn returns, by the sign's place in the table (0 for signs not in the body):
    // looking each sentence up in BodySigns for every bounce cost more than the search itself.
    private static readonly ulong[] BodyBits = Signs.Select(s => s.Where == Where.Body ? 1UL << Array.IndexOf(BodySigns, s.Text) : 0).ToArray();

    /// <param name="headers">The bounce's own header block.</param>
    /// <param name="lowerText">The bounce's own text (not the returned original), lower-cased.</param>
    public static MtaSoftware Detect(HeaderBlock headers, string lowerText)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(lowerText);
        var from = headers.Get("From") ?? string.Empty;
        // Only the newest Received header was written by the bouncing host.
        var topReceived = headers.Get("Received") ?? string.Empty;
        var bodyHits = BodySignsIn(lowerText);
        // Each value once, however many signs look at it.
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        // One pass over the field names instead of one per sign: most bounces carry none of them.
        HashSet<string>? signHeaders = null;
        foreach (var name in headers.Names)
        {
            if (SignHeaderNames.Contains(name))
            {
                (signHeaders ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(name);
            }
        }

        for (var i = 0; i < Signs.Length; i++)
        {
            var sign = Signs[i];
            var hit = sign.Where switch
            {
                Where.HeaderName => signHeaders?.Contains(sign.Text) == true,
                Where.From => from.Contains(sign.Text, StringComparison.OrdinalIgnoreCase),
                Where.Body => (bodyHits & BodyBits[i]) != 0,
                Where.HeaderValue when sign.Header == "Received" => topReceived.Contains(sign.Text, StringComparison.OrdinalIgnoreCase),
                Where.HeaderValue => ValueOf(headers, sign.Header!, values)?.Contains(sign.Text, StringComparison.OrdinalIgnoreCase) == true,
                _ => false,
            };
            if (hit)
            {
                return sign.Software;
            }
        }

        return MtaSoftware.Unknown;
    }

    /// <summary>
    /// Which body sentences occur in the text, one bit each, from one pass over it: the table has
    /// dozens, and most texts hold few of them.
    /// </summary>
    private static ulong BodySignsIn(string lowerText)
    {
        var hits = 0UL;
        var text = lowerText.AsSpan();
        for (var at = text.IndexOfAny(AnyBodySign); at >= 0; at = text.IndexOfAny(AnyBodySign))
        {
            text = text[at..];
            for (var i = 0; i < BodySigns.Length; i++)
            {
                if (text.StartsWith(BodySigns[i], StringComparison.Ordinal))
                {
                    hits |= 1UL << i;
                }
            }

            text = text[1..];
        }

        return hits;
    }

    private static string? ValueOf(HeaderBlock headers, string name, Dictionary<string, string?> read)
    {
        if (!read.TryGetValue(name, out var value))
        {
            value = headers.Get(name);
            read[name] = value;
        }

        return value;
    }
}
