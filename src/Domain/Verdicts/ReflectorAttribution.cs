using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// Names the server that reflected a bounce. Walks the bounce's own Received headers from the top
/// (newest first), skipping hops handed over by the tenant's trusted inbound hosts and by the
/// ingest itself; the first public address outside them is the reflector.
/// </summary>
public static class ReflectorAttribution
{
    /// <param name="result">The classified bounce.</param>
    /// <param name="tenant">The tenant's mail configuration (trusted inbound hosts, outbound relays).</param>
    /// <param name="ingestHosts">Names of our own ingest servers, whose hops are never the reflector.</param>
    /// <param name="smtpClient">The address that handed the message to the ingest.</param>
    /// <param name="directMx">True when the tenant points an MX at the ingest: the SMTP client is then the reflector itself.</param>
    public static Reflector? Find(
        ClassificationResult result,
        TenantMailConfiguration tenant,
        HostNameList ingestHosts,
        IPAddress? smtpClient = null,
        bool directMx = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(ingestHosts);
        if (!result.IsBackscatterCandidate || result.Kind == MessageKind.FeedbackReport)
        {
            return null;
        }

        if (directMx && smtpClient is not null)
        {
            return IsCandidate(smtpClient, tenant) ? new Reflector(Normalize(smtpClient), null, result.ReportingMta) : null;
        }

        foreach (var hop in result.Received)
        {
            if (hop.FromIp is not { } ip)
            {
                continue;
            }

            ip = Normalize(ip);
            if (tenant.TrustedInboundNetworks.Contains(ip) || tenant.TrustedInboundNames.Matches(hop.FromName)
                || ingestHosts.Matches(hop.FromName) || !SpecialPurposeAddresses.IsPublic(ip))
            {
                continue;
            }

            // A bounce written by the tenant's own relay is the tenant's own doing, never a reflector.
            if (tenant.OutboundRelayNetworks.Contains(ip) || tenant.OutboundRelayNames.Matches(hop.FromName))
            {
                return null;
            }

            return new Reflector(ip, hop.FromName, result.ReportingMta);
        }

        return null;
    }

    private static bool IsCandidate(IPAddress ip, TenantMailConfiguration tenant) =>
        SpecialPurposeAddresses.IsPublic(ip) && !tenant.OutboundRelayNetworks.Contains(ip) && !tenant.TrustedInboundNetworks.Contains(ip);

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
