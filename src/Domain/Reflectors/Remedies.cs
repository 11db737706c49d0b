using Backscatter.Domain.Listing;
using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Reflectors;

/// <summary>
/// What the admin of a reflecting server should change, chosen by the software that wrote its bounces
/// and by the kinds of backscatter it sent. The cure is always the same idea: refuse during the SMTP
/// dialogue (the sender, or the spammer's server, gets the error), never accept first and bounce later
/// to the forged sender.
/// </summary>
public static class Remedies
{
    private static readonly Remedy Generic = new(
        "Reject mail for unknown recipients during the SMTP dialogue instead of bouncing it later",
        [
            "Check every recipient at RCPT TO and answer 550 for addresses that do not exist; a server that relays to an internal mail server must know the valid addresses too.",
            "Scan for spam and viruses before the final reply to DATA and reject there (5xx), instead of accepting the message and sending a notice afterwards.",
            "Never send a delivery status notification for a message that you accepted but judged to be spam.",
        ]);

    /// <param name="software">The software as stored with the reflector (an <see cref="MtaSoftware"/> name in any case), or null when unknown.</param>
    /// <param name="kinds">The kinds of backscatter the server sent.</param>
    /// <returns>The remedy for its bounces first (in its software's words when known), then one per other kind seen.</returns>
    public static IReadOnlyList<Remedy> For(string? software, IEnumerable<BackscatterKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var seen = kinds.ToHashSet();
        var remedies = new List<Remedy>();
        if (seen.Count == 0 || seen.Contains(BackscatterKind.Bounce))
        {
            remedies.Add(ForBounces(Enum.TryParse<MtaSoftware>(software, ignoreCase: true, out var parsed) ? parsed : MtaSoftware.Unknown));
        }

        if (seen.Contains(BackscatterKind.AutoReply))
        {
            remedies.Add(new Remedy(
                "Send no automatic replies to mail that is spam, bulk or from an empty sender",
                [
                    "Let the out-of-office or vacation responder answer only mail that passed the spam filter, and never mail with an empty return path, Auto-Submitted, Precedence: bulk/list/junk or List-Id headers (RFC 3834).",
                    "Answer each sender at most once every few days.",
                ]));
        }

        if (seen.Contains(BackscatterKind.ChallengeResponse))
        {
            remedies.Add(new Remedy(
                "Turn challenge-response off",
                [
                    "Challenge-response systems send their challenge to the forged sender of every spam message they receive; filter spam during the SMTP dialogue instead.",
                ]));
        }

        if (seen.Contains(BackscatterKind.VirusNotice))
        {
            remedies.Add(new Remedy(
                "Stop notifying senders about viruses",
                [
                    "Virus senders are always forged: reject infected mail during the SMTP dialogue, or discard it, but never notify its sender.",
                    "amavisd-new: $final_virus_destiny = D_REJECT (before-queue) or D_DISCARD, and $warnvirussender = 0.",
                ]));
        }

        return remedies;
    }

    private static Remedy ForBounces(MtaSoftware software) => software switch
    {
        MtaSoftware.Postfix => new Remedy(
            "Postfix: reject unknown recipients at RCPT TO instead of bouncing",
            [
                "Keep smtpd_reject_unlisted_recipient = yes (the default) and make sure local_recipient_maps is not empty.",
                "On a relay or backup MX, list the valid addresses in relay_recipient_maps (e.g. relay_recipient_maps = hash:/etc/postfix/relay_recipients), or add reject_unverified_recipient to smtpd_recipient_restrictions so that Postfix asks the next server during the dialogue.",
                "Run content filters before the queue (smtpd_proxy_filter or a milter) and reject there; an after-queue filter can only bounce.",
            ]),
        MtaSoftware.Exim => new Remedy(
            "Exim: verify recipients in the RCPT ACL",
            [
                "In acl_check_rcpt, add: require verify = recipient",
                "When Exim relays to an internal server, verify against it: require verify = recipient/callout=10s,defer_ok",
                "Scan for spam and viruses in acl_check_data (acl_smtp_data) with deny, not in a router or transport that bounces later.",
            ]),
        MtaSoftware.Exchange => new Remedy(
            "Exchange: turn recipient filtering on so unknown recipients are rejected at RCPT TO",
            [
                "On the Edge Transport server (or the Front End Transport with the anti-spam agents installed): Set-RecipientFilterConfig -Enabled $true -RecipientValidationEnabled $true",
                "Make sure the Edge server's recipient list is current (EdgeSync), and that accepted domains are Authoritative, not Internal Relay, where Exchange holds every mailbox.",
            ]),
        MtaSoftware.Office365 => new Remedy(
            "Microsoft 365: let Directory-Based Edge Blocking reject unknown recipients",
            [
                "In the Exchange admin center, set each accepted domain to Authoritative (not Internal Relay) when all its mailboxes are in Microsoft 365; Directory-Based Edge Blocking then rejects unknown recipients with 550 5.4.1.",
                "In hybrid setups, synchronise every on-premises recipient (mail users, contacts) to the directory before making the domain Authoritative.",
                "Make sure no transport rule or connector sends non-delivery reports for mail that the service already judged to be spam.",
            ]),
        MtaSoftware.Sendmail => new Remedy(
            "Sendmail: reject unknown recipients at RCPT TO",
            [
                "For domains relayed to internal servers, list the valid recipients in the access map (To:user@example.com RELAY) and reject the rest of the domain (To:example.com REJECT), or use FEATURE(`ldap_routing') with the bounce option so unknown users are refused during the dialogue.",
                "Do content scanning with a milter (INPUT_MAIL_FILTER) that rejects during the dialogue instead of bouncing after delivery.",
            ]),
        MtaSoftware.Qmail => new Remedy(
            "qmail: add recipient validation to qmail-smtpd",
            [
                "Stock qmail-smtpd accepts mail for any address of its domains and bounces later; patch it (chkuser, or validrcptto) or put a front end that checks recipients at RCPT TO (e.g. qpsmtpd) before it.",
                "Scan for spam and viruses before the final reply to DATA (e.g. with simscan) instead of bouncing afterwards.",
            ]),
        _ => Generic,
    };
}
