using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

using MimeKit.Utils;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Parses Received headers (RFC 5321 section 4.4 and the variants MTAs really write) into hops.
/// Used on the bounce's own chain and on the embedded original's chain.
/// </summary>
public static partial class ReceivedHeaderParser
{
    // A chain longer than this is a loop or an attack; the hops that matter are at the ends.
    public const int MaxHops = 100;

    public static IReadOnlyList<ReceivedHop> ParseChain(IEnumerable<string> receivedValues)
    {
        ArgumentNullException.ThrowIfNull(receivedValues);
        var hops = new List<ReceivedHop>();
        foreach (var value in receivedValues)
        {
            if (hops.Count == MaxHops)
            {
                break;
            }

            hops.Add(Parse(value));
        }

        return hops;
    }

    public static ReceivedHop Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = Unfold(value);

        // The clauses are the text before the last semicolon; the regexes read that range in place.
        var semicolon = text.LastIndexOf(';');
        var clauses = semicolon >= 0 ? semicolon : text.Length;
        DateTimeOffset? time = null;
        if (semicolon >= 0 && TryParseDate(text.AsSpan(semicolon + 1).Trim(), out var parsed))
        {
            time = parsed;
        }

        // The clauses are read in place, by hand: two regexes, their Match objects and named-group
        // lookups were most of the cost of a hop (one for every Received field of the bounce and its original).
        var range = text.AsSpan(0, clauses);
        string? fromName = null;
        IPAddress? fromIp = null;
        if (FromClause(range, out var name, out var comment))
        {
            fromName = CleanName(name);
            var nameIp = ParseIp(fromName);
            fromIp = FindIp(comment) ?? nameIp;
            if (fromIp is not null && nameIp is not null)
            {
                // "from [192.0.2.1]" names no host; a better name may stand in the comment.
                fromName = HeloInComment().Match(comment.ToString()) is { Success: true } helo
                    ? CleanName(helo.Groups["helo"].ValueSpan)
                    : null;
            }
        }

        // qmail writes "from network" nowhere; "(qmail 123 invoked from network)" has no hop data,
        // but Exchange and others sometimes write only "by host ... (IP)".
        var byName = ByClause(range, out var by) ? CleanName(by) : null;

        return new ReceivedHop(fromName, fromIp, byName, time, text);
    }

    /// <summary>Finds the first IPv4 or IPv6 address in a Received comment, bracketed forms first.</summary>
    private static readonly System.Buffers.SearchValues<char> IpCharacters =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:.");

    public static IPAddress? FindIp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindIp(text.AsSpan());
    }

    private static IPAddress? FindIp(ReadOnlySpan<char> text)
    {
        foreach (var bracket in BracketedIp().EnumerateMatches(text))
        {
            // The address is the match without its brackets.
            if (ParseIp(text.Slice(bracket.Index + 1, bracket.Length - 2)) is { } ip)
            {
                return ip;
            }
        }

        foreach (var candidate in BareIp().EnumerateMatches(text))
        {
            if (ParseIp(text.Slice(candidate.Index, candidate.Length)) is { } ip)
            {
                return ip;
            }
        }

        return null;
    }

    public static IPAddress? ParseIp(string? text) => string.IsNullOrEmpty(text) ? null : ParseIp(text.AsSpan());

    private static IPAddress? ParseIp(ReadOnlySpan<char> text)
    {
        var candidate = text.Trim("[]() .");
        if (candidate.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            candidate = candidate[5..];
        }

        // Host names are the common case: anything but hex digits, dots and colons is not an address.
        if (candidate.IsEmpty || candidate.ContainsAnyExcept(IpCharacters))
        {
            return null;
        }

        // IPAddress.TryParse accepts "1" or "1.2" as IPv4; a Received IP is always dotted quad or has colons.
        if (!candidate.Contains(':') && candidate.Count('.') != 3)
        {
            return null;
        }

        if (!IPAddress.TryParse(candidate, out var ip))
        {
            return null;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4();
        }

        return ip;
    }

    private static string? CleanName(ReadOnlySpan<char> name)
    {
        var trimmed = name.Trim().TrimEnd(".;,");
        if (trimmed.Length == 0)
        {
            return null;
        }

        return string.Create(trimmed.Length, trimmed, static (lower, source) => source.ToLowerInvariant(lower));
    }

    [ThreadStatic]
    private static byte[]? dateBytes;

    /// <summary><see cref="DateUtils.TryParse(string, out DateTimeOffset)"/> without its string and byte copies.</summary>
    private static bool TryParseDate(ReadOnlySpan<char> date, out DateTimeOffset parsed)
    {
        if (!System.Text.Ascii.IsValid(date))
        {
            return DateUtils.TryParse(date.ToString(), out parsed);
        }

        var bytes = dateBytes ??= new byte[2048];
        var length = System.Text.Encoding.ASCII.GetBytes(date, bytes);
        return DateUtils.TryParse(bytes, 0, length, out parsed);
    }

    // What char.IsWhiteSpace says is white space, and the part of it in ASCII (a much faster search, for ASCII text).
    private static readonly System.Buffers.SearchValues<char> WhiteSpace =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    private static readonly System.Buffers.SearchValues<char> AsciiWhiteSpace =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x80).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    /// <summary>The first 2,000 characters, every run of white space one space, trimmed.</summary>
    private static string Unfold(string value)
    {
        var head = value.AsSpan(0, Math.Min(value.Length, 2000));
        if (head.IndexOfAny('\r', '\n', '\t') < 0)
        {
            return head.Length == value.Length ? value.Trim() : head.Trim().ToString();
        }

        // Word by word between runs of white space (a vectorised search), not character by character.
        Span<char> unfolded = stackalloc char[head.Length];
        var length = 0;
        var rest = head;
        var whiteSpace = System.Text.Ascii.IsValid(head) ? AsciiWhiteSpace : WhiteSpace;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOfAny(whiteSpace);
            var word = space < 0 ? rest : rest[..space];
            if (!word.IsEmpty)
            {
                if (length > 0)
                {
                    unfolded[length++] = ' ';
                }

                word.CopyTo(unfolded[length..]);
                length += word.Length;
            }

            rest = space < 0 ? [] : rest[(space + 1)..];
        }

        return unfolded[..length].ToString();
    }

    /// <summary>
    /// The from clause, as <c>(?:^|\s)from\s+(?&lt;name&gt;[^\s()]+)?\s*(?&lt;comment&gt;(?:\((?:[^()]|\([^()]*\))*\)\s*)*)</c>
    /// (any case) finds it: the first "from" after the start or a space and before a space, the name
    /// that follows (maybe none), then the comments in parentheses (one level of nesting) with their spaces.
    /// </summary>
    private static bool FromClause(ReadOnlySpan<char> text, out ReadOnlySpan<char> name, out ReadOnlySpan<char> comment)
    {
        name = comment = default;
        var at = Keyword(text, "from", 0, afterParenthesis: false);
        if (at < 0)
        {
            return false;
        }

        var position = SkipSpaces(text, at + "from".Length);
        var nameStart = position;
        position = NameEnd(text, position);
        name = text[nameStart..position];
        var commentStart = position = SkipSpaces(text, position);
        while (CommentEnd(text, position) is var end and > 0)
        {
            position = SkipSpaces(text, end);
        }

        comment = text[commentStart..position];
        return true;
    }

    /// <summary>
    /// The by clause's name, as <c>(?:^|\s|\))by\s+(?&lt;name&gt;[^\s()]+)</c> (any case) finds it:
    /// the first "by" after the start, a space or a closing parenthesis, with spaces and a name after it.
    /// </summary>
    private static bool ByClause(ReadOnlySpan<char> text, out ReadOnlySpan<char> name)
    {
        for (var at = Keyword(text, "by", 0, afterParenthesis: true); at >= 0; at = Keyword(text, "by", at + 1, afterParenthesis: true))
        {
            var start = SkipSpaces(text, at + "by".Length);
            var end = NameEnd(text, start);
            if (end > start)
            {
                name = text[start..end];
                return true;
            }
        }

        name = default;
        return false;
    }

    /// <summary>Where the word first stands, from <paramref name="from"/> on, after the start or a space (or ')') and before a space; -1 if nowhere.</summary>
    private static int Keyword(ReadOnlySpan<char> text, string word, int from, bool afterParenthesis)
    {
        while (from < text.Length)
        {
            var found = text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            var after = at + word.Length;
            var before = at == 0 || char.IsWhiteSpace(text[at - 1]) || (afterParenthesis && text[at - 1] == ')');
            if (before && after < text.Length && char.IsWhiteSpace(text[after]))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static int NameEnd(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is not ('(' or ')') && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>The end of a comment in parentheses that starts at <paramref name="position"/> (one level of nesting); -1 if none does.</summary>
    private static int CommentEnd(ReadOnlySpan<char> text, int position)
    {
        if (position >= text.Length || text[position] != '(')
        {
            return -1;
        }

        var nested = false;
        for (var i = position + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' when nested:
                    return -1;
                case '(':
                    nested = true;
                    break;
                case ')' when nested:
                    nested = false;
                    break;
                case ')':
                    return i + 1;
                default:
                    break;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\[(?<ip>(?:IPv6:)?[0-9A-Fa-f:.]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedIp();

    [GeneratedRegex(@"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\d{1,3}(?:\.\d{1,3}){3})?)(?![\w.:])", RegexOptions.CultureInvariant)]
    private static partial Regex BareIp();

    [GeneratedRegex(@"(?:HELO|EHLO)[\s=]+(?<helo>[^\s()\]]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeloInComment();

}
