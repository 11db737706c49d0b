using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;

namespace Backscatter.Domain.Tenancy;

/// <summary>
/// Checks and normalises what a tenant enters on the Setup page, so that the verdict rules only
/// ever read well-formed entries: host names (with a leading <c>*.</c> wildcard), IPv4/IPv6
/// addresses and CIDR networks, sender and VERP patterns, DKIM selectors and domain names, all in
/// lower case.
/// </summary>
public static class MailSettingEntries
{
    /// <summary>Entries per list: more than any real mail setup needs, few enough to check every report against.</summary>
    public const int MaxEntries = 100;

    public const int MaxDomains = 50;

    /// <summary>The longest DNS name; an address (local part 64 + @ + name) is at most 254 by RFC 5321.</summary>
    public const int MaxHostLength = 253;

    public const int MaxPatternLength = 254;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static IReadOnlyList<string> Of(TenantMailSettings settings, MailSettingList list)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return list switch
        {
            MailSettingList.OutboundRelays => settings.OutboundRelays,
            MailSettingList.TrustedInboundHosts => settings.TrustedInboundHosts,
            MailSettingList.AuthorisedSendingIps => settings.AuthorisedSendingIps,
            MailSettingList.SenderPatterns => settings.SenderPatterns,
            MailSettingList.VerpPatterns => settings.VerpPatterns,
            MailSettingList.DkimSelectors => settings.DkimSelectors,
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
    }

    public static void Replace(TenantMailSettings settings, MailSettingList list, string[] entries)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (list)
        {
            case MailSettingList.OutboundRelays: settings.OutboundRelays = entries; break;
            case MailSettingList.TrustedInboundHosts: settings.TrustedInboundHosts = entries; break;
            case MailSettingList.AuthorisedSendingIps: settings.AuthorisedSendingIps = entries; break;
            case MailSettingList.SenderPatterns: settings.SenderPatterns = entries; break;
            case MailSettingList.VerpPatterns: settings.VerpPatterns = entries; break;
            case MailSettingList.DkimSelectors: settings.DkimSelectors = entries; break;
            default: throw new ArgumentOutOfRangeException(nameof(list), list, null);
        }
    }

    /// <summary>Checks a new entry for <paramref name="list"/> against what the list already holds.</summary>
    public static SettingEntryCheck CheckNew(MailSettingList list, string? input, IReadOnlyCollection<string> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var check = list switch
        {
            MailSettingList.OutboundRelays or MailSettingList.TrustedInboundHosts => HostOrNetwork(input),
            MailSettingList.AuthorisedSendingIps => Network(input),
            MailSettingList.SenderPatterns => SenderPattern(input),
            MailSettingList.VerpPatterns => VerpPattern(input),
            MailSettingList.DkimSelectors => DkimSelector(input),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
        if (!check.IsValid)
        {
            return check;
        }

        if (existing.Contains(check.Value!, StringComparer.OrdinalIgnoreCase))
        {
            return SettingEntryCheck.Invalid($"{check.Value} is already in the list.");
        }

        return existing.Count >= MaxEntries
            ? SettingEntryCheck.Invalid($"The list holds at most {MaxEntries} entries; remove one first.")
            : check;
    }

    /// <summary>A host name, a <c>*.</c> wildcard for a subdomain, or an address or network.</summary>
    public static SettingEntryCheck HostOrNetwork(string? input)
    {
        var text = Trimmed(input);
        if (text.Length == 0)
        {
            return SettingEntryCheck.Invalid("Enter a host name, an IP address or a network.");
        }

        if (text.Length > MaxHostLength)
        {
            return SettingEntryCheck.Invalid($"Entries are at most {MaxHostLength} characters long.");
        }

        if (LooksLikeAddress(text))
        {
            return Network(text);
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var name = HostName(wildcard ? text[2..] : text, minLabels: wildcard ? 2 : 1);
        return name is null
            ? SettingEntryCheck.Invalid($"'{text}' is neither a host name (mx1.example.com, or *.out.example.com for every host below out.example.com) nor an IP address or network (192.0.2.10, 192.0.2.0/24, 2001:db8::/32).")
            : SettingEntryCheck.Valid(wildcard ? "*." + name : name);
    }

    /// <summary>An IPv4 or IPv6 address or CIDR network, stored the way <see cref="IpNetwork"/> prints it.</summary>
    public static SettingEntryCheck Network(string? input)
    {
        var text = Trimmed(input);
        if (text.Length == 0)
        {
            return SettingEntryCheck.Invalid("Enter an IP address or a network.");
        }

        if (text.Length > MaxHostLength || !LooksLikeAddress(text))
        {
            return SettingEntryCheck.Invalid($"'{Shortened(text)}' is not an IP address or network; write 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32.");
        }

        if (!IpNetwork.TryParse(text, out var network))
        {
            return SettingEntryCheck.Invalid(HasHostBits(text, out var suggestion)
                ? $"'{text}' has bits set below the prefix length; did you mean {suggestion}?"
                : $"'{text}' is not an IP address or network; write 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32.");
        }

        var width = network.Family == AddressFamily.InterNetwork ? 32 : 128;
        return SettingEntryCheck.Valid(network.PrefixLength == width ? network.Prefix.ToString() : network.ToString());
    }

    /// <summary>An envelope sender the tenant really uses; <c>*</c> matches any run of characters (<c>*@example.com</c>, <c>bounces+*@lists.example.com</c>).</summary>
    public static SettingEntryCheck SenderPattern(string? input)
    {
        var text = Trimmed(input).ToLowerInvariant();
        if (PatternSizeRefusal(text, "Enter an address or a pattern such as *@example.com.") is { } refusal)
        {
            return refusal;
        }

        return AddressPattern(text, wildcardDomain: true) is { } pattern
            ? SettingEntryCheck.Valid(pattern)
            : SettingEntryCheck.Invalid($"'{Shortened(text)}' is not a sender pattern: write an address such as news@example.com, with * for any characters (*@example.com, bounces+*@lists.example.com).");
    }

    /// <summary>
    /// A VERP return path: a fixed address whose local part carries the recipient where the
    /// <c>*</c> stands (<c>bounces+*@lists.example.com</c>). A bounce to it counts as an answer to
    /// mail the tenant sent, so the pattern must not cover every address of a domain.
    /// </summary>
    public static SettingEntryCheck VerpPattern(string? input)
    {
        var text = Trimmed(input).ToLowerInvariant();
        if (PatternSizeRefusal(text, "Enter a return-path pattern such as bounces+*@lists.example.com.") is { } refusal)
        {
            return refusal;
        }

        if (AddressPattern(text, wildcardDomain: false) is not { } pattern)
        {
            return SettingEntryCheck.Invalid($"'{Shortened(text)}' is not a VERP pattern: write your return path with * where the recipient goes, such as bounces+*@lists.example.com.");
        }

        var at = pattern.LastIndexOf('@');
        var local = pattern[..at];
        if (!local.Contains('*', StringComparison.Ordinal))
        {
            return SettingEntryCheck.Invalid($"'{Shortened(text)}' has no *: put it where your return path carries the recipient (bounces+*@lists.example.com). A fixed sender belongs in the sender patterns.");
        }

        // '*@example.com' would turn every bounce to the domain, backscatter included, into an answer to real mail.
        return local.All(c => c == '*')
            ? SettingEntryCheck.Invalid($"'{Shortened(text)}' matches every address of its domain, backscatter included; write the fixed part of your return path too, such as bounces+*{pattern[at..]}.")
            : SettingEntryCheck.Valid(pattern);
    }

    /// <summary>
    /// A DKIM selector as in <c>s=</c> of the signature (RFC 6376: one or more DNS labels of
    /// letters, digits and hyphens), without the <c>._domainkey</c> name it is looked up under.
    /// </summary>
    public static SettingEntryCheck DkimSelector(string? input)
    {
        var text = Trimmed(input).ToLowerInvariant();
        if (text.Length == 0)
        {
            return SettingEntryCheck.Invalid("Enter a selector such as s2026 or mail.");
        }

        if (text.Length > MaxHostLength)
        {
            return SettingEntryCheck.Invalid($"Selectors are at most {MaxHostLength} characters long.");
        }

        var domainKey = text.IndexOf("._domainkey", StringComparison.Ordinal);
        if (domainKey > 0)
        {
            return SettingEntryCheck.Invalid($"Enter only the selector, the part before ._domainkey: {Shortened(text[..domainKey])}.");
        }

        return text.Split('.').All(IsLdhLabel)
            ? SettingEntryCheck.Valid(text)
            : SettingEntryCheck.Invalid($"'{Shortened(text)}' is not a DKIM selector: use letters, digits and hyphens, with dots between parts (s2026, mail, k1.eu), as in the s= of your DKIM-Signature header.");
    }

    /// <summary>A protected mail domain: a DNS name of two or more labels, no wildcard, international names as punycode.</summary>
    public static SettingEntryCheck Domain(string? input)
    {
        var text = Trimmed(input);
        if (text.Length == 0)
        {
            return SettingEntryCheck.Invalid("Enter a domain such as example.com.");
        }

        if (text.Length > MaxHostLength)
        {
            return SettingEntryCheck.Invalid($"Domains are at most {MaxHostLength} characters long.");
        }

        var name = LooksLikeAddress(text) ? null : HostName(text, minLabels: 2);
        return name is null
            ? SettingEntryCheck.Invalid($"'{Shortened(text)}' is not a domain name; write it as example.com, without @, * or a protocol.")
            : SettingEntryCheck.Valid(name);
    }

    /// <summary>The name in lower-case ASCII (punycode for international names), or null when it is no valid DNS host name.</summary>
    private static string? HostName(string text, int minLabels)
    {
        var name = text.TrimEnd('.');
        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            name = Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = name.Split('.');
        var valid = name.Length <= MaxHostLength
            && labels.Length >= minLabels
            && labels.All(IsLdhLabel)
            // A top-level label of digits only is an address with a typo (192.0.2.300), not a name.
            && !labels[^1].All(char.IsAsciiDigit);
        return valid ? name : null;
    }

    /// <summary>
    /// A lower-case address pattern in its stored form, or null: a local part of at most 64
    /// characters (<c>*</c> among them) and a domain name, or with <paramref name="wildcardDomain"/>
    /// <c>*</c> or a <c>*.</c> subdomain wildcard.
    /// </summary>
    private static string? AddressPattern(string text, bool wildcardDomain)
    {
        var at = text.LastIndexOf('@');
        var local = at < 0 ? "" : text[..at];
        var domain = at < 0 ? "" : text[(at + 1)..];
        var subdomains = wildcardDomain && domain.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcardDomain && domain == "*" ? "*" : HostName(subdomains ? domain[2..] : domain, minLabels: 2);
        return at <= 0 || local.Length > 64 || !local.All(IsPatternLocalChar) || name is null
            ? null
            : $"{local}@{(subdomains ? "*." : "")}{name}";
    }

    /// <summary>Why an address pattern is refused for its size alone, or null.</summary>
    private static SettingEntryCheck? PatternSizeRefusal(string text, string whenEmpty) =>
        text.Length == 0 ? SettingEntryCheck.Invalid(whenEmpty)
        : text.Length > MaxPatternLength ? SettingEntryCheck.Invalid($"Patterns are at most {MaxPatternLength} characters long.")
        : null;

    /// <summary>A DNS label of letters, digits and hyphens (RFC 1035 LDH, as RFC 5321 and 6376 use it).</summary>
    private static bool IsLdhLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>IPv6 has two colons or more; IPv4 is written as four dotted decimals (IPAddress would also take "10" or "10.1").</summary>
    private static bool LooksLikeAddress(string text)
    {
        var address = text.Split('/')[0];
        return (address.Count(c => c == ':') >= 2 && address.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '%'))
            || (address.Count(c => c == '.') == 3 && address.All(c => char.IsAsciiDigit(c) || c == '.'));
    }

    private static bool HasHostBits(string text, out string suggestion)
    {
        suggestion = "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > width)
        {
            return false;
        }

        var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (width - length);
        var prefix = IpNetwork.ToNumber(address) & (width == 32 ? mask & uint.MaxValue : mask);
        suggestion = $"{IpNetwork.ToAddress(address.AddressFamily, prefix)}/{length.ToString(CultureInfo.InvariantCulture)}";
        return true;
    }

    private static bool IsPatternLocalChar(char c) => c > ' ' && c < 0x7f && c is not ('@' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']');

    private static string Trimmed(string? input) => (input ?? "").Trim();

    private static string Shortened(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
