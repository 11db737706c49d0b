using System.Text;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;

namespace Backscatter.Testing;

/// <summary>
/// The tenant of the end-to-end tests: domain tenant.example, outbound relays smtp.tenant.example and
/// 198.18.0.0/15, inbound MX mx1.tenant.example; and corpus bounces as that MX forwarded them, so the
/// verdict calls them backscatter and the reflector is the hop in front of the MX.
/// </summary>
public static class ExampleTenant
{
    public static void AddMailConfiguration(BackscatterDbContext db, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.TenantDomains.Add(new TenantDomain { TenantId = tenantId, Name = "tenant.example" });
        db.TenantMailSettings.Add(new TenantMailSettings
        {
            TenantId = tenantId,
            OutboundRelays = ["smtp.tenant.example", "198.18.0.0/15"],
            TrustedInboundHosts = ["mx1.tenant.example"],
        });
    }

    /// <summary>
    /// A bounce of the corpus (sisimai bsd/) with the Received line mx1.tenant.example wrote when
    /// <paramref name="reflectorIp"/> handed it over, CRLF line ends. A different <paramref name="hopId"/>
    /// makes otherwise identical messages distinct (identical ones are stored once as duplicates).
    /// </summary>
    public static byte[] ForwardedBounce(string corpusFile, string reflectorIp, string hopId = "4A1B2C")
    {
        var bounce = File.ReadAllText(SharedCorpus.PathOf("sisimai/maildir/bsd/" + corpusFile), Encoding.Latin1);
        var received = $"Received: from mail.reflector.example (mail.reflector.example [{reflectorIp}])\r\n"
            + $"\tby mx1.tenant.example (Postfix) with ESMTP id {hopId}; Thu, 26 Nov 2026 10:00:00 +0000\r\n";
        return Encoding.Latin1.GetBytes(received + bounce.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
    }
}
