using System.Globalization;
using System.Text;

namespace Backscatter.Web.Setup;

/// <summary>
/// Ready-to-paste configuration that makes a tenant's mail servers sign envelope senders with a
/// BATV key the way Exim's <c>${prvs}</c> does, which is the form the verdict rules check.
/// </summary>
public static class BatvSigningConfiguration
{
    /// <summary>Stands in the Exim domain list while the tenant has no domains: matches nothing, and says so.</summary>
    public const string NoDomainsPlaceholder = "REPLACE-WITH-YOUR-DOMAINS";

    /// <summary>
    /// Exim: the key as macros, the domains whose senders are signed, the <c>return_path</c> line
    /// for the remote_smtp transport, and a first router that hands genuine bounces to signed
    /// addresses to the real sender (while a previous key is kept, it checks that one too).
    /// </summary>
    public static string Exim(int number, string secret, IReadOnlyCollection<string> domains, int? previousNumber)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(domains);
        var n = number.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("# Main section (keep this file readable by root and the Exim user only)");
        text.AppendLine(CultureInfo.InvariantCulture, $"BATV_KEY = {n}");
        text.AppendLine(CultureInfo.InvariantCulture, $"BATV_SECRET = {secret}");
        if (previousNumber is { } previous)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# Your previous key {previous}: keep it for 8 days so that bounces of mail it signed still arrive.");
            text.AppendLine("BATV_PREVIOUS_SECRET = the secret of that key, from your current configuration");
        }

        if (domains.Count == 0)
        {
            // A stand-in domain pasted as is would sign nothing of the tenant's, silently; this one says what to do.
            text.AppendLine("# You have no domains on the Setup page yet: add them there, or list them here separated by \" : \".");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"domainlist batv_domains = {(domains.Count == 0 ? NoDomainsPlaceholder : string.Join(" : ", domains))}");
        text.AppendLine();
        text.AppendLine("# Transports: add return_path to your remote_smtp transport");
        text.AppendLine("remote_smtp:");
        text.AppendLine("  driver = smtp");
        text.AppendLine("  return_path = ${if and {{def:return_path}{match_domain{${domain:$return_path}}{+batv_domains}}} \\");
        text.AppendLine("                {${prvs{$return_path}{BATV_SECRET}{BATV_KEY}}}fail}");
        text.AppendLine();
        text.AppendLine("# Routers: put this first, so that bounces to a signed address reach the real sender");
        text.AppendLine("batv_redirect:");
        text.AppendLine("  driver = redirect");
        text.AppendLine("  domains = +batv_domains");
        text.AppendLine(previousNumber is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"  data = ${{prvscheck{{$local_part@$domain}}{{${{if eq{{$prvscheck_keynum}}{{{p}}}{{BATV_PREVIOUS_SECRET}}{{BATV_SECRET}}}}}}{{}}}}")
            : "  data = ${prvscheck{$local_part@$domain}{BATV_SECRET}{}}");
        return text.ToString();
    }

    /// <summary>
    /// Postfix cannot sign by itself: it relays through a signing Exim, and strips the tag from
    /// bounces arriving at its MX so that they reach the real sender.
    /// </summary>
    public static string Postfix(string signingRelay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingRelay);
        var text = new StringBuilder();
        text.AppendLine("# /etc/postfix/main.cf: send outbound mail through the Exim host that signs");
        text.AppendLine(CultureInfo.InvariantCulture, $"relayhost = [{signingRelay}]:25");
        text.AppendLine();
        text.AppendLine("# Deliver bounces to signed addresses (prvs=KDDDHHHHHH=user@example.com) to the user");
        text.AppendLine("recipient_canonical_maps = regexp:/etc/postfix/batv_recipients");
        text.AppendLine();
        text.AppendLine("# /etc/postfix/batv_recipients");
        text.AppendLine("/^prvs=[0-9]{4}[0-9a-f]{6}=(.+@.+)$/    ${1}");
        text.AppendLine();
        text.AppendLine("# then: postfix reload");
        return text.ToString();
    }
}
