using System.Net;

using Backscatter.Domain.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>A set of IPv4 and IPv6 networks (relays, authorised senders, trusted inbound hosts).</summary>
public sealed class NetworkList(IEnumerable<IpNetwork> networks)
{
    private readonly IpNetwork[] _networks = [.. networks];

    public static NetworkList Empty { get; } = new([]);

    public bool IsEmpty => _networks.Length == 0;

    public IReadOnlyList<IpNetwork> Networks => _networks;

    public bool Contains(IPAddress? address) => address is not null && _networks.Any(n => n.Contains(address));
}
