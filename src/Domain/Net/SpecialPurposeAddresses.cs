using System.Net;

namespace Backscatter.Domain.Net;

/// <summary>
/// Addresses that are never a mail server on the public internet (RFC 6890 special-purpose
/// registries): private, shared, loopback, link-local, documentation, benchmarking, multicast,
/// reserved. Neither a reflector nor a listing can be one of these.
/// </summary>
public static class SpecialPurposeAddresses
{
    private static readonly IpNetwork[] Networks =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "3fff::/20", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(IpNetwork.Parse),
    ];

    // Addresses that only ever mean "inside a network": a hop from one never entered from the internet.
    private static readonly IpNetwork[] InternalNetworks =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
            "::/128", "::1/128", "fc00::/7", "fe80::/10",
        }.Select(IpNetwork.Parse),
    ];

    /// <summary>True for private, shared (CGNAT), loopback, link-local and unspecified addresses.</summary>
    public static bool IsInternal(IPAddress address) => In(InternalNetworks, address);

    /// <summary>True when the address could be a server on the public internet.</summary>
    public static bool IsPublic(IPAddress address) => !In(Networks, address);

    private static bool In(IpNetwork[] networks, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
