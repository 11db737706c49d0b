namespace Backscatter.Domain.Verdicts;

/// <summary>
/// What a tenant tells us about its own mail, against which every bounce is judged: where its
/// mail really leaves from, how it signs, and which hosts hand bounces on to us.
/// </summary>
public sealed class TenantMailConfiguration
{
    /// <summary>Protected domains: forged senders in these produce the backscatter we receive.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Names of the tenant's outbound relays; mail that passed one of them was sent by the tenant.</summary>
    public HostNameList OutboundRelayNames { get; init; } = HostNameList.Empty;

    /// <summary>Addresses of the tenant's outbound relays.</summary>
    public NetworkList OutboundRelayNetworks { get; init; } = NetworkList.Empty;

    /// <summary>Addresses authorised to send the tenant's mail (entered, or from the domains' SPF records).</summary>
    public NetworkList AuthorisedSendingNetworks { get; init; } = NetworkList.Empty;

    /// <summary>The tenant's MX and forwarding hosts: hops added by them are skipped when looking for the reflector.</summary>
    public HostNameList TrustedInboundNames { get; init; } = HostNameList.Empty;

    public NetworkList TrustedInboundNetworks { get; init; } = NetworkList.Empty;

    /// <summary>BATV keys; when there are any, the tenant signs all envelope senders of its domains.</summary>
    public IReadOnlyList<BatvKey> BatvKeys { get; init; } = [];

    /// <summary>VERP return paths the tenant uses (e.g. <c>bounces+*@lists.example.com</c>); <c>*</c> matches anything.</summary>
    public IReadOnlyList<string> VerpPatterns { get; init; } = [];

    /// <summary>DKIM selectors the tenant signs with, for its own domains.</summary>
    public IReadOnlyList<string> DkimSelectors { get; init; } = [];

    /// <summary>Addresses the tenant really sends from (<c>*</c> wildcards, e.g. <c>*@example.com</c> or <c>news@example.com</c>).</summary>
    public IReadOnlyList<string> SenderPatterns { get; init; } = [];

    public static TenantMailConfiguration Empty { get; } = new();

    public bool OwnsDomainOf(string? address)
    {
        var domain = DomainOf(address);
        return domain is not null && Domains.Any(d =>
            domain.Equals(d, StringComparison.OrdinalIgnoreCase)
            || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    public bool MatchesVerp(string? address) => address is not null && VerpPatterns.Any(p => WildcardMatches(p, address));

    public bool MatchesSenderPattern(string? address) => address is not null && SenderPatterns.Any(p => WildcardMatches(p, address));

    public static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 || at == address!.Length - 1 ? null : address[(at + 1)..].Trim().TrimEnd('>', '.').ToLowerInvariant();
    }

    // '*' matches any run of characters. A linear scan that falls back to the last star, instead of a
    // regex: no timeout to trip on a loaded machine, and no pattern compiled per report.
    private static bool WildcardMatches(string pattern, string address)
    {
        var p = pattern.AsSpan().Trim();
        var a = address.AsSpan().Trim();
        int pi = 0, ai = 0, star = -1, resume = 0;
        while (ai < a.Length)
        {
            if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                resume = ai;
            }
            else if (pi < p.Length && char.ToLowerInvariant(p[pi]) == char.ToLowerInvariant(a[ai]))
            {
                pi++;
                ai++;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                ai = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
