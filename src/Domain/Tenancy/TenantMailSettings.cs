using Backscatter.Domain.Net;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tenancy;

/// <summary>
/// A tenant's mail configuration as stored: what the tenant entered, one entry per line. Host
/// lists accept names (<c>mx1.example.com</c>, <c>*.out.example.com</c>) and networks
/// (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>) side by side.
/// </summary>
public sealed class TenantMailSettings : ITenantOwned
{
    public Guid TenantId { get; init; }

    public string[] OutboundRelays { get; set; } = [];

    public string[] AuthorisedSendingIps { get; set; } = [];

    /// <summary>Also authorise whatever the protected domains' SPF records authorise.</summary>
    public bool AuthoriseFromSpf { get; set; }

    public string[] TrustedInboundHosts { get; set; } = [];

    public string[] VerpPatterns { get; set; } = [];

    public string[] DkimSelectors { get; set; } = [];

    public string[] SenderPatterns { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The configuration the verdict rules read, from these settings, the tenant's domains, its BATV keys and its SPF networks.</summary>
    public TenantMailConfiguration ToConfiguration(
        IEnumerable<string> domains,
        IEnumerable<BatvKey> batvKeys,
        IEnumerable<IpNetwork>? spfNetworks = null)
    {
        var (relayNames, relayNetworks) = HostsAndNetworks(OutboundRelays);
        var (trustedNames, trustedNetworks) = HostsAndNetworks(TrustedInboundHosts);
        var authorised = AuthorisedSendingIps.Select(e => IpNetwork.TryParse(e, out var n) ? n : null).OfType<IpNetwork>();
        return new TenantMailConfiguration
        {
            Domains = [.. domains],
            OutboundRelayNames = relayNames,
            OutboundRelayNetworks = relayNetworks,
            AuthorisedSendingNetworks = new NetworkList(authorised.Concat(AuthoriseFromSpf ? spfNetworks ?? [] : [])),
            TrustedInboundNames = trustedNames,
            TrustedInboundNetworks = trustedNetworks,
            BatvKeys = [.. batvKeys],
            VerpPatterns = VerpPatterns,
            DkimSelectors = DkimSelectors,
            SenderPatterns = SenderPatterns,
        };
    }

    /// <summary>Splits entered lines into host-name patterns and networks.</summary>
    public static (HostNameList Names, NetworkList Networks) HostsAndNetworks(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = new List<string>();
        var networks = new List<IpNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (IpNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                names.Add(entry);
            }
        }

        return (new HostNameList(names), new NetworkList(networks));
    }
}
