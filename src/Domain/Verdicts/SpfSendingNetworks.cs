using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// The networks a domain's SPF record authorises to send its mail — ip4, ip6, a and mx mechanisms,
/// followed through include and redirect within RFC 7208's limit of ten look-ups — cached per
/// domain, so that a tenant can say "my authorised senders are what my SPF says".
/// </summary>
public sealed class SpfSendingNetworks(ISpfDns dns, TimeProvider clock, TimeSpan? cacheFor = null)
{
    /// <summary>RFC 7208 4.6.4: at most ten terms that cause DNS look-ups.</summary>
    public const int MaxLookups = 10;

    private readonly TimeSpan _cacheFor = cacheFor ?? TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, IReadOnlyList<IpNetwork> Networks)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<IpNetwork>> ResolveAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(domain, out var cached) && cached.Expires > now)
        {
            return cached.Networks;
        }

        var networks = new List<IpNetwork>();
        var lookups = 0;
        await CollectAsync(domain.Trim().TrimEnd('.'), networks, () => ++lookups <= MaxLookups, depth: 0, cancellationToken);
        IReadOnlyList<IpNetwork> result = [.. networks.Distinct()];
        _cache[domain] = (now + _cacheFor, result);
        return result;
    }

    private async Task CollectAsync(string domain, List<IpNetwork> networks, Func<bool> mayLookUp, int depth, CancellationToken ct)
    {
        if (depth > MaxLookups)
        {
            return;
        }

        var record = (await dns.TxtAsync(domain, ct)).Select(t => SpfRecord.TryParse(t, out var r) ? r : null).FirstOrDefault(r => r is not null);
        if (record is null)
        {
            return;
        }

        foreach (var term in record.Terms)
        {
            if (term.IsModifier)
            {
                if (term.Name == "redirect" && term.Value is { Length: > 0 } target && !record.Terms.Any(t => t.Name == "all") && mayLookUp())
                {
                    await CollectAsync(target, networks, mayLookUp, depth + 1, ct);
                }

                continue;
            }

            if (!term.Authorises)
            {
                continue;
            }

            switch (term.Name)
            {
                case "ip4" or "ip6" when term.Value is not null && IpNetwork.TryParse(term.Value, out var network):
                    networks.Add(network);
                    break;
                case "include" when term.Value is { Length: > 0 } included && mayLookUp():
                    await CollectAsync(included, networks, mayLookUp, depth + 1, ct);
                    break;
                case "a" when mayLookUp():
                    var (aHost, aV4, aV6) = HostAndPrefixes(term.Value, domain);
                    networks.AddRange((await dns.AddressesAsync(aHost, ct)).Select(ip => Network(ip, aV4, aV6)));
                    break;
                case "mx" when mayLookUp():
                    var (mxDomain, mxV4, mxV6) = HostAndPrefixes(term.Value, domain);
                    foreach (var mx in (await dns.MxHostsAsync(mxDomain, ct)).Take(MaxLookups))
                    {
                        networks.AddRange((await dns.AddressesAsync(mx, ct)).Select(ip => Network(ip, mxV4, mxV6)));
                    }

                    break;
                default:
                    // ptr and exists cannot be turned into networks; all ends the record.
                    break;
            }
        }
    }

    /// <summary>Splits <c>a:host/24//64</c> into the host and the IPv4 and IPv6 prefix lengths.</summary>
    private static (string Host, int V4, int V6) HostAndPrefixes(string? value, string domain)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (domain, 32, 128);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? value : value[..slash];
        var v4 = 32;
        var v6 = 128;
        if (slash >= 0)
        {
            var prefixes = value[(slash + 1)..].Split('/');
            v4 = int.TryParse(prefixes[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p4) && p4 <= 32 ? p4 : 32;
            v6 = prefixes.Length > 2 && int.TryParse(prefixes[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p6) && p6 <= 128 ? p6 : 128;
        }

        return (host.Length == 0 ? domain : host, v4, v6);
    }

    private static IpNetwork Network(IPAddress ip, int v4, int v6)
    {
        var length = ip.AddressFamily == AddressFamily.InterNetwork ? v4 : v6;
        var masked = Mask(ip, length);
        return IpNetwork.Parse($"{masked}/{length}");
    }

    private static IPAddress Mask(IPAddress ip, int length)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
