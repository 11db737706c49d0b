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

        string? fromName = null;
        IPAddress? fromIp = null;
        var from = FromClause().Match(text, 0, clauses);
        if (from.Success)
        {
            fromName = CleanName(from.Groups["name"].Value);
            fromIp = FindIp(from.Groups["comment"].Value) ?? ParseIp(fromName);
            if (fromIp is not null && fromName is not null && ParseIp(fromName) is not null)
            {
                // "from [192.0.2.1]" names no host; a better name may stand in the comment.
                fromName = HeloInComment().Match(from.Groups["comment"].Value) is { Success: true } helo
                    ? CleanName(helo.Groups["helo"].Value)
                    : null;
            }
        }
        else
        {
            // qmail writes "from network" nowhere; "(qmail 123 invoked from network)" has no hop data,
            // but Exchange and others sometimes write only "by host ... (IP)".
            fromIp = null;
        }

        var by = ByClause().Match(text, 0, clauses);
        var byName = by.Success ? CleanName(by.Groups["name"].Value) : null;

        return new ReceivedHop(fromName, fromIp, byName, time, text);
    }

    /// <summary>Finds the first IPv4 or IPv6 address in a Received comment, bracketed forms first.</summary>
    private static readonly System.Buffers.SearchValues<char> IpCharacters =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:.");

    public static IPAddress? FindIp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match bracket in BracketedIp().Matches(text))
        {
            if (ParseIp(bracket.Groups["ip"].Value) is { } ip)
            {
                return ip;
            }
        }

        foreach (Match candidate in BareIp().Matches(text))
        {
            if (ParseIp(candidate.Value) is { } ip)
            {
                return ip;
            }
        }

        return null;
    }

    public static IPAddress? ParseIp(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var candidate = text.AsSpan().Trim("[]() .");
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

    private static string? CleanName(string name)
    {
        var trimmed = name.AsSpan().Trim().TrimEnd(".;,");
        if (trimmed.Length == 0)
        {
            return null;
        }

        Span<char> lower = trimmed.Length <= 256 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        trimmed.ToLowerInvariant(lower);
        return lower.ToString();
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

    /// <summary>The first 2,000 characters, every run of white space one space, trimmed.</summary>
    private static string Unfold(string value)
    {
        var head = value.AsSpan(0, Math.Min(value.Length, 2000));
        if (head.IndexOfAny('\r', '\n', '\t') < 0)
        {
            return head.Length == value.Length ? value.Trim() : head.Trim().ToString();
        }

        Span<char> unfolded = stackalloc char[head.Length];
        var length = 0;
        var space = false;
        foreach (var c in head)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && length > 0)
            {
                unfolded[length++] = ' ';
            }

            space = false;
            unfolded[length++] = c;
        }

        return unfolded[..length].ToString();
    }

    [GeneratedRegex(@"(?:^|\s)from\s+(?<name>[^\s()]+)?\s*(?<comment>(?:\((?:[^()]|\([^()]*\))*\)\s*)*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromClause();

    [GeneratedRegex(@"(?:^|\s|\))by\s+(?<name>[^\s()]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByClause();

    [GeneratedRegex(@"\[(?<ip>(?:IPv6:)?[0-9A-Fa-f:.]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedIp();

    [GeneratedRegex(@"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\d{1,3}(?:\.\d{1,3}){3})?)(?![\w.:])", RegexOptions.CultureInvariant)]
    private static partial Regex BareIp();

    [GeneratedRegex(@"(?:HELO|EHLO)[\s=]+(?<helo>[^\s()\]]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeloInComment();

}
