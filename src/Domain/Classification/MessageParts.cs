using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using Backscatter.Domain.Mail;

using MimeKit;

namespace Backscatter.Domain.Classification;

/// <summary>
/// The pieces of a report that the classifier reads, taken from the MIME tree once: the human text,
/// the machine-readable delivery-status or feedback report, and the returned original's headers.
/// </summary>
internal sealed partial class MessageParts
{

    // Bounded work on hostile input: text beyond this is not scanned, parts beyond this are not visited.
    public const int MaxTextChars = 64 * 1024;
    public const int MaxParts = 64;
    public const int MaxDepth = 8;

    /// <summary>How every message is parsed: tolerant addresses and a bounded depth.</summary>
    public static readonly ParserOptions Parsing = new()
    {
        MaxMimeDepth = MaxDepth,
        AllowAddressesWithoutDomain = true,
    };

    [ThreadStatic]
    private static MimeParser? reusedParser;

    [ThreadStatic]
    private static MemoryStream? decodedContent;

    // The text is decoded straight into one buffer per thread and becomes a string once, at the end.
    [ThreadStatic]
    private static char[]? textBuffer;

    private readonly ReadOnlyMemory<byte> _raw;
    private char[] _text = [];
    private int _textLength;
    private int _visited;

    private MessageParts(ReadOnlyMemory<byte> raw)
    {
        _raw = raw;
    }

    public string? DeliveryStatus { get; private set; }

    public string? FeedbackReport { get; private set; }

    public string? ReportType { get; private set; }

    public HeaderBlock? OriginalHeaders { get; private set; }

    /// <summary>The first attached message: the returned original, or a whole bounce forwarded as an attachment.</summary>
    public MimeMessage? Attached { get; private set; }

    public string Text { get; private set; } = string.Empty;

    /// <param name="message">The parsed message.</param>
    /// <param name="raw">The bytes it was parsed from (or bytes that hold them).</param>
    public static MessageParts Of(MimeMessage message, ReadOnlyMemory<byte> raw)
    {
        var parts = new MessageParts(raw);
        parts._text = textBuffer ?? new char[16 * 1024];
        textBuffer = null;
        if (message.Body is not null)
        {
            parts.Visit(message.Body, 0);
        }

        parts.Text = new string(parts._text, 0, parts._textLength);
        if (parts._text.Length <= 4 * MaxTextChars)
        {
            textBuffer = parts._text;
        }

        parts._text = [];
        return parts;
    }

    private void Visit(MimeEntity entity, int depth)
    {
        if (++_visited > MaxParts || depth > MaxDepth)
        {
            return;
        }

        var mimeType = entity.ContentType.MimeType.ToLowerInvariant();
        switch (entity)
        {
            case Multipart multipart:
                if (multipart is MultipartReport report)
                {
                    ReportType ??= report.ReportType?.ToLowerInvariant();
                }

                // A multipart whose boundary never occurs holds everything in its preamble.
                if (multipart.Count == 0 && multipart.Preamble is { Length: > 0 } preamble)
                {
                    AppendText(preamble);
                }

                foreach (var child in multipart)
                {
                    Visit(child, depth + 1);
                }

                // A report glued to another report without a proper boundary ends up in the epilogue.
                if (multipart is MultipartReport && MayHoldRecipientFields(multipart) && multipart.Epilogue is { } epilogue && epilogue.Contains("Final-Recipient:", StringComparison.OrdinalIgnoreCase))
                {
                    DeliveryStatus = DeliveryStatus is null ? epilogue : DeliveryStatus + "\n\n" + epilogue;
                }

                break;

            case MessagePart messagePart when mimeType is "message/rfc822" or "message/global" or "message/partial":
                if (OriginalHeaders is null && messagePart.Message is { } original)
                {
                    OriginalHeaders = HeaderBlock.From(original.Headers);
                    Attached = original;
                }

                break;

            case TextRfc822Headers headersPart:
                // MimeKit reads text/rfc822-headers (unless encoded) as a message of headers alone.
                if (OriginalHeaders is null && headersPart.Message is { } headersOnly)
                {
                    OriginalHeaders = HeaderBlock.From(headersOnly.Headers);
                }

                break;

            case MimePart part:
                VisitLeaf(part, mimeType);
                break;

            default:
                break;
        }
    }

    /// <summary>
    /// Whether the epilogue can hold "Final-Recipient:", judged from the raw bytes: reading
    /// <see cref="Multipart.Epilogue"/> makes MimeKit look up a charset and decode, for every report,
    /// and an epilogue lies after the first closing delimiter. Anything not plain ASCII there is read.
    /// </summary>
    private bool MayHoldRecipientFields(Multipart multipart)
    {
        if (multipart.Boundary is not { Length: > 0 and <= 200 } boundary || !System.Text.Ascii.IsValid(boundary))
        {
            return true;
        }

        Span<byte> delimiter = stackalloc byte[boundary.Length + 4];
        delimiter[0] = delimiter[1] = delimiter[^1] = delimiter[^2] = (byte)'-';
        System.Text.Encoding.ASCII.GetBytes(boundary, delimiter[2..^2]);
        var raw = _raw.Span;
        var at = raw.IndexOf(delimiter);
        if (at < 0)
        {
            return true;
        }

        var rest = raw[at..];
        if (rest.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
        {
            return true;
        }

        var field = "final-recipient:"u8;
        for (var i = rest.IndexOfAny((byte)'f', (byte)'F'); i >= 0; i = rest.IndexOfAny((byte)'f', (byte)'F'))
        {
            rest = rest[i..];
            if (rest.Length >= field.Length && System.Text.Ascii.EqualsIgnoreCase(rest[..field.Length], field))
            {
                return true;
            }

            rest = rest[1..];
        }

        return false;
    }

    private void VisitLeaf(MimePart part, string mimeType)
    {
        switch (mimeType)
        {
            case "message/delivery-status" or "message/global-delivery-status":
                // A digest of several reports carries several delivery-status parts: read them all.
                DeliveryStatus = DeliveryStatus is null ? ContentOf(part) : DeliveryStatus + "\n\n" + ContentOf(part);
                return;
            case "message/feedback-report":
                FeedbackReport ??= ContentOf(part);
                return;
            case "text/rfc822-headers" or "message/rfc822-headers" or "message/global-headers":
                OriginalHeaders ??= HeaderBlock.Parse(ContentOf(part));
                return;
            case "message/rfc822" or "message/global":
                // MimeKit hands an undecodable message/rfc822 over as a leaf: read its headers from text.
                OriginalHeaders ??= HeaderBlock.Parse(ContentOf(part));
                return;
            default:
                break;
        }

        if (part.IsAttachment && !mimeType.StartsWith("text/", StringComparison.Ordinal))
        {
            return;
        }

        if (mimeType == "text/plain")
        {
            AppendContent(part);
        }
        else if (mimeType == "text/html" && _textLength == 0)
        {
            var text = ContentOf(part);
            AppendText(WebUtility.HtmlDecode(Tags().Replace(LineBreaks().Replace(text, "\n"), string.Empty)));
        }
        else if (mimeType == "text/html")
        {
            // Plain text already read; the HTML alternative says the same.
        }
    }

    /// <summary>
    /// This thread's parser, set to a new stream: a parser's buffers cost more to allocate than many
    /// bounces cost to read. Entities parsed from the previous stream do not need their parser any more.
    /// </summary>
    public static MimeParser Reused(Stream stream, bool persistent)
    {
        if (reusedParser is null)
        {
            reusedParser = new MimeParser(Parsing, stream, MimeFormat.Entity, persistent);
        }
        else
        {
            reusedParser.SetStream(stream, MimeFormat.Entity, persistent);
        }

        return reusedParser;
    }

    private void AppendText(ReadOnlySpan<char> text)
    {
        if (_textLength < MaxTextChars)
        {
            var taken = text.Length > MaxTextChars ? text[..MaxTextChars] : text;
            Reserve(taken.Length + 1);
            taken.CopyTo(_text.AsSpan(_textLength));
            _textLength += taken.Length;
            _text[_textLength++] = '\n';
        }
    }

    /// <summary>A text part, decoded into the text buffer without a string of its own.</summary>
    private void AppendContent(MimePart part)
    {
        if (_textLength >= MaxTextChars)
        {
            return;
        }

        if (part.Content is not { } content)
        {
            AppendText([]);
            return;
        }

        var bytes = Decoded(content);
        var encoding = EncodingOf(bytes, part.ContentType.Charset);
        Reserve(encoding.GetMaxCharCount(bytes.Length) + 1);
        var decoded = Iso2022JpText.Decodes(encoding)
            ? Iso2022JpText.GetChars(encoding, bytes, _text.AsSpan(_textLength))
            : encoding.GetChars(bytes, _text.AsSpan(_textLength));
        _textLength += Math.Min(decoded, MaxTextChars);
        _text[_textLength++] = '\n';
        ReleaseHugeStream();
    }

    private void Reserve(int more)
    {
        if (_textLength + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + more));
        }
    }

    private static string ContentOf(MimePart part)
    {
        if (part.Content is not { } content)
        {
            return string.Empty;
        }

        var bytes = Decoded(content);
        var text = EncodingOf(bytes, part.ContentType.Charset).GetString(bytes);
        ReleaseHugeStream();
        return text;
    }

    /// <summary>The part's decoded bytes, as many as can become text that is scanned.</summary>
    private static ReadOnlySpan<byte> Decoded(IMimeContent content)
    {
        // One stream per thread, emptied for each part: a new one grows by copying, part after part.
        var stream = decodedContent ??= new MemoryStream();
        stream.SetLength(0);
        content.DecodeTo(stream);
        return stream.GetBuffer().AsSpan(0, (int)Math.Min(stream.Length, MaxTextChars * 2));
    }

    private static void ReleaseHugeStream()
    {
        if (decodedContent is { Capacity: > 1024 * 1024 })
        {
            // A huge part made it huge: it does not stay that size for the thread's life.
            decodedContent = null;
        }
    }

    private static Encoding EncodingOf(ReadOnlySpan<byte> bytes, string? charset)
    {
        // Labels lie: text declared as 7-bit ISO-2022-JP or ASCII but written in UTF-8 is read as
        // UTF-8, and undeclared ISO-2022-JP is recognised by its escape sequences.
        if (bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF) && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8;
        }

        if (charset is null && bytes.IndexOf("\u001b$B"u8) >= 0)
        {
            charset = "iso-2022-jp";
        }

        // A charset nobody knows is read as Latin-1, which never fails.
        var encoding = charset is null ? null : LegacyCharsets.Get(charset);
        return encoding ?? Encoding.Latin1;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<\s*(br|/p|/div|/tr|/li)\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreaks();
}
