using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Zones;

/// <summary>
/// Reads rbldnsd <c>ip4set</c> and <c>ip6trie</c> text (one address per line, optional <c>:A:TXT</c>
/// value, a <c>:A:TXT</c> line setting the default, <c>$</c> directives and comments) into a builder.
/// Ranges, CIDR blocks and exclusions are refused with the line number: the feed lists single reflectors.
/// </summary>
public static class RbldnsdZoneReader
{
    private const string Reflected = "$ reflected ";
    private const string MessagesTo = " backscatter messages to ";
    private const string NetworksLastSeen = " networks, last seen ";

    /// <summary>Longer lines are refused: no line the feed writes comes near it, and a broken file must not take the memory.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <returns>The number of entries read.</returns>
    /// <remarks>
    /// Synchronous on purpose: a million lines read faster without an await per line; run it off the request path.
    /// Lines are cut from one reused buffer, not read as strings: a string per line was about 280 MB of garbage
    /// per reload of a million listings, which raised the feed's peak memory during a reload by half.
    /// </remarks>
    public static int Read(TextReader reader, ListingSnapshotBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(builder);
        var defaultCode = 2u;
        var entries = 0;
        var lineNumber = 0;
        var buffer = new char[2 * MaxLineLength];
        int start = 0, end = 0;
        var atEnd = false;
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var newline = pending.IndexOfAny('\n', '\r');
            if (newline < 0 && !atEnd)
            {
                if (pending.Length > MaxLineLength)
                {
                    throw TooLong(lineNumber + 1);
                }

                atEnd = Refill(reader, buffer, ref start, ref end) == 0;
                continue;
            }

            if (newline < 0 && pending.IsEmpty)
            {
                return entries;
            }

            var line = newline < 0 ? pending : pending[..newline];
            if (line.Length > MaxLineLength)
            {
                throw TooLong(lineNumber + 1);
            }

            // "\r\n", "\n" and "\r" each end a line, as in TextReader.ReadLine.
            var next = newline < 0 ? end : start + newline + 1;
            if (newline >= 0 && pending[newline] == '\r')
            {
                if (newline + 1 == pending.Length && !atEnd)
                {
                    // The "\n" of "\r\n" may be in the next block: read it before cutting the line.
                    atEnd = Refill(reader, buffer, ref start, ref end) == 0;
                    continue;
                }

                if (newline + 1 < pending.Length && pending[newline + 1] == '\n')
                {
                    next++;
                }
            }

            start = next;
            if ((++lineNumber & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (ReadLine(line.Trim(), builder, ref defaultCode, lineNumber))
            {
                entries++;
            }
        }
    }

    /// <summary>Moves the unfinished line to the front of the buffer and reads behind it.</summary>
    /// <returns>How many characters were read: 0 at the end of the text.</returns>
    private static int Refill(TextReader reader, char[] buffer, ref int start, ref int end)
    {
        buffer.AsSpan(start, end - start).CopyTo(buffer);
        end -= start;
        start = 0;
        var read = reader.Read(buffer, end, buffer.Length - end);
        end += read;
        return read;
    }

    /// <returns>Whether the line listed an address.</returns>
    private static bool ReadLine(ReadOnlySpan<char> text, ListingSnapshotBuilder builder, ref uint defaultCode, int lineNumber)
    {
        if (text.IsEmpty || text[0] is '#' or ';' or '$')
        {
            return false;
        }

        if (text[0] == ':')
        {
            defaultCode = ParseValue(text, defaultCode, lineNumber).Code;
            return false;
        }

        if (text[0] == '!')
        {
            throw Error(lineNumber, "exclusions (!) are not supported");
        }

        var space = text.IndexOfAny(' ', '\t');
        var addressText = space < 0 ? text : text[..space];
        var value = space < 0 ? [] : text[(space + 1)..].TrimStart();
        var (code, facts) = value.IsEmpty ? (defaultCode, default) : ParseValue(value, defaultCode, lineNumber);
        facts = facts with { CodeMask = 1u << (int)code };

        // The common line is a plain IPv4 address: read it without creating an IPAddress (a million lines on reload).
        if (TryParseIPv4(addressText, out var number))
        {
            if (number == TestPoint)
            {
                return false;
            }

            builder.Add(number, facts);
            return true;
        }

        var address = ParseAddress(addressText, lineNumber);
        if (IsTestPoint(address))
        {
            // The test points are built into the server; a mirror file carries them only for rbldnsd.
            return false;
        }

        builder.Add(address, facts);
        return true;
    }

    private const uint TestPoint = 0x7F000002;

    private static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var octets = 0;
        var value = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (value < 0 || ++octets > 3)
                {
                    return false;
                }

                address = (address << 8) | (uint)value;
                value = -1;
            }
            else if (char.IsAsciiDigit(c) && value != 0)
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                // A leading zero, a '/' or anything else: let the careful path decide.
                return false;
            }
        }

        if (octets != 3 || value < 0)
        {
            return false;
        }

        address = (address << 8) | (uint)value;
        return true;
    }

    private static IPAddress ParseAddress(ReadOnlySpan<char> text, int lineNumber)
    {
        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            var length = text[(slash + 1)..];
            text = text[..slash];
            var full = text.Contains(':') ? "128" : "32";
            if (!length.SequenceEqual(full))
            {
                throw Error(lineNumber, "CIDR blocks are not supported; list single addresses");
            }
        }

        // IPAddress.TryParse reads "1.2.3" as 1.2.0.3; rbldnsd reads it as 1.2.3.0/24, so refuse it.
        var isV6 = text.Contains(':');
        if ((!isV6 && text.Count('.') != 3) || text.Contains('-') || !IPAddress.TryParse(text, out var address))
        {
            throw Error(lineNumber, $"'{text}' is not a single IPv4 or IPv6 address (ranges are not supported)");
        }

        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static (uint Code, ListingFacts Facts) ParseValue(ReadOnlySpan<char> value, uint defaultCode, int lineNumber)
    {
        if (value[0] == ':')
        {
            value = value[1..];
        }

        var colon = value.IndexOf(':');
        var a = (colon < 0 ? value : value[..colon]).Trim();
        var txt = colon < 0 ? [] : value[(colon + 1)..];
        var code = defaultCode;
        if (!a.IsEmpty)
        {
            if (uint.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                code = number;
            }
            else if (a.StartsWith("127.0.0.") && uint.TryParse(a[8..], NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                code = number;
            }
            else
            {
                throw Error(lineNumber, $"the A value '{a}' is not 127.0.0.N");
            }

            if (code is 0 or > 31)
            {
                throw Error(lineNumber, $"the A value 127.0.0.{code} is outside 127.0.0.1 to 127.0.0.31");
            }
        }

        return (code, ParseFacts(txt));
    }

    /// <summary>Recovers the counts from text that <see cref="RbldnsdZoneWriter"/> wrote; other text gives unknown counts.</summary>
    private static ListingFacts ParseFacts(ReadOnlySpan<char> txt)
    {
        if (!txt.StartsWith(Reflected))
        {
            return default;
        }

        txt = txt[Reflected.Length..];
        var to = txt.IndexOf(MessagesTo);
        if (to < 0 || !int.TryParse(txt[..to], NumberStyles.None, CultureInfo.InvariantCulture, out var messages))
        {
            return default;
        }

        txt = txt[(to + MessagesTo.Length)..];
        var seen = txt.IndexOf(NetworksLastSeen);
        if (seen < 0 || !int.TryParse(txt[..seen], NumberStyles.None, CultureInfo.InvariantCulture, out var networks))
        {
            return default;
        }

        txt = txt[(seen + NetworksLastSeen.Length)..];
        return txt.Length >= 10 && txt[4] == '-' && txt[7] == '-'
            && int.TryParse(txt[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(txt[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(txt[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new ListingFacts(0, messages, networks, new DateOnly(year, month, day).DayNumber)
            : default;
    }

    private static bool IsTestPoint(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && address.Equals(IPAddress.Parse("127.0.0.2"));

    private static FormatException TooLong(int lineNumber) =>
        Error(lineNumber, string.Create(CultureInfo.InvariantCulture, $"longer than {MaxLineLength} characters"));

    private static FormatException Error(int lineNumber, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Zone line {lineNumber}: {message}."));
}
