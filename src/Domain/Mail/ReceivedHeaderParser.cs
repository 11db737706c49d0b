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
        var text = Unfold(value.Length > 2000 ? value[..2000] : value);

        var semicolon = text.LastIndexOf(';');
        var clauses = semicolon >= 0 ? text[..semicolon] : text;
        DateTimeOffset? time = null;
        if (semicolon >= 0 && DateUtils.TryParse(text[(semicolon + 1)..].Trim(), out var parsed))
        {
            time = parsed;
        }

        string? fromName = null;
        IPAddress? fromIp = null;
        var from = FromClause().Match(clauses);
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

        var by = ByClause().Match(clauses);
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
        return trimmed.Length == 0 ? null : trimmed.ToString().ToLowerInvariant();
    }

    private static string Unfold(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\t') < 0)
        {
            return value.Trim();
        }

        var builder = new System.Text.StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
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
