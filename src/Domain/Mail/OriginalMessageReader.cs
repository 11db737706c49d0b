using System.Text.RegularExpressions;

using MimeKit;
using MimeKit.Utils;

namespace Backscatter.Domain.Mail;

/// <summary>Builds an <see cref="OriginalMessage"/> from the header block of the returned message.</summary>
public static partial class OriginalMessageReader
{
    public static OriginalMessage Read(HeaderBlock headers, string? envelopeSenderFromReport = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.IsEmpty)
        {
            return envelopeSenderFromReport is null ? OriginalMessage.None : OriginalMessage.None with { EnvelopeSender = envelopeSenderFromReport };
        }

        DateTimeOffset? date = headers.Get("Date") is { } rawDate && DateUtils.TryParse(rawDate, out var parsed) ? parsed : null;

        var envelopeSender = envelopeSenderFromReport
            ?? AddressOf(headers.Get("Return-Path"))
            ?? AddressOf(headers.Get("X-Envelope-From"));

        var dkim = new List<DkimSignature>();
        foreach (var signature in headers.GetAll("DKIM-Signature"))
        {
            var domain = TagValue(signature, "d");
            if (domain is not null)
            {
                dkim.Add(new DkimSignature(domain.ToLowerInvariant(), TagValue(signature, "s")));
            }
        }

        return new OriginalMessage(
            From: AddressOf(headers.Get("From")),
            EnvelopeSender: envelopeSender,
            To: AddressOf(headers.Get("To")),
            Subject: Decode(headers.Get("Subject")),
            MessageId: MessageIdOf(headers.Get("Message-ID")),
            Date: date,
            Received: ReceivedHeaderParser.ParseChain(headers.GetAll("Received")),
            DkimSignatures: dkim);
    }

    /// <summary>The first addr-spec in a header value (display names and comments dropped), lower-cased.</summary>
    public static string? AddressOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Value matches: asked for every address field of every message, a Match object and a named
        // group each time were a good part of the cost.
        var angles = AngleAddress().EnumerateMatches(value);
        if (angles.MoveNext())
        {
            // The address is the match without its angle brackets.
            return LowerCase(value.AsSpan(angles.Current.Index + 1, angles.Current.Length - 2));
        }

        var bare = BareAddress().EnumerateMatches(value);
        return bare.MoveNext() ? LowerCase(value.AsSpan(bare.Current.Index, bare.Current.Length)) : null;
    }

    // Lowered straight into the new string, with no copy in between.
    private static string LowerCase(ReadOnlySpan<char> address) =>
        string.Create(address.Length, address, static (lower, source) => source.ToLowerInvariant(lower));

    private static string? MessageIdOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var open = trimmed.IndexOf('<', StringComparison.Ordinal);
        var close = trimmed.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? trimmed[(open + 1)..close] : trimmed;
    }

    private static string? Decode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Japanese mailers put raw ISO-2022-JP into headers; its escape sequences are 7-bit and safe to re-read.
        if (value.Contains("\u001b$B", StringComparison.Ordinal))
        {
            return LegacyCharsets.Get("iso-2022-jp")?.GetString(System.Text.Encoding.Latin1.GetBytes(value)).Trim() ?? value.Trim();
        }

        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value.Trim();
        }

        try
        {
            return Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(value)).Trim();
        }
        catch (ArgumentException)
        {
            return value.Trim();
        }
    }

    private static string? TagValue(string signature, string tag)
    {
        // Tag by tag without splitting: a signature is mostly its long b= and bh= values.
        var rest = signature.AsSpan();
        while (true)
        {
            var end = rest.IndexOf(';');
            var part = end < 0 ? rest : rest[..end];
            var eq = part.IndexOf('=');
            if (eq > 0 && part[..eq].Trim().Equals(tag, StringComparison.OrdinalIgnoreCase))
            {
                var value = WithoutWhiteSpace(part[(eq + 1)..]);
                return value.Length == 0 ? null : value;
            }

            if (end < 0)
            {
                return null;
            }

            rest = rest[(end + 1)..];
        }
    }

    private static string WithoutWhiteSpace(ReadOnlySpan<char> value)
    {
        var kept = 0;
        foreach (var c in value)
        {
            kept += char.IsWhiteSpace(c) ? 0 : 1;
        }

        if (kept == value.Length)
        {
            return value.ToString();
        }

        Span<char> chars = kept <= 512 ? stackalloc char[kept] : new char[kept];
        var length = 0;
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars[length++] = c;
            }
        }

        return chars.ToString();
    }

    [GeneratedRegex(@"<[^<>@\s]+@[^<>@\s]+>", RegexOptions.CultureInvariant)]
    private static partial Regex AngleAddress();

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?", RegexOptions.CultureInvariant)]
    private static partial Regex BareAddress();
}
