using System.Globalization;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Mail;
using Backscatter.Domain.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// Decides whether a bounce answers mail the tenant sent (Legitimate) or mail forged in its name
/// (Backscatter), from evidence strongest first: BATV, VERP, the original's Received chain against
/// the outbound relays, its sending address against the authorised ones, Message-ID and DKIM, and
/// auto-replies to addresses the tenant never sends from.
/// </summary>
/// <remarks>
/// Calling a bounce of the tenant's own mail backscatter is the worst error this product can make
/// (it lists an innocent server), so any evidence that the tenant sent the original outweighs
/// every sign of forgery, and Backscatter needs concrete evidence against.
/// </remarks>
public static class VerdictRules
{
    /// <summary>Evidence this strong proves the tenant sent the original; nothing outweighs it.</summary>
    private const double Proof = 0.9;

    /// <summary>Evidence of sending at least this strong rules out a Backscatter verdict.</summary>
    private const double Doubt = 0.5;

    private const double DecisionThreshold = 0.5;

    public static Verdict Judge(ClassificationResult result, TenantMailConfiguration tenant, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tenant);

        if (!result.IsBackscatterCandidate)
        {
            return Undetermined(new Evidence(EvidenceCodes.NotABounce, 0,
                "This message is not a bounce, auto-reply, challenge or notice, so there is no forged original to judge."));
        }

        if (result.Kind == MessageKind.FeedbackReport)
        {
            return Undetermined(new Evidence(EvidenceCodes.FeedbackReport, 0,
                "This is a feedback (abuse) report, not a bounce: it is judged by the mailbox provider, not by us."));
        }

        var evidence = new List<Evidence>();
        AddBatv(result, tenant, today, evidence);
        AddVerp(result, tenant, evidence);
        AddReceivedChain(result.Original, tenant, evidence);
        AddSendingAddress(result.Original, tenant, evidence);
        AddMessageId(result.Original, tenant, evidence);
        AddDkim(result.Original, tenant, evidence);
        AddUnusedSender(result, tenant, evidence);

        if (evidence.Count == 0)
        {
            evidence.Add(result.Original.IsEmpty
                ? new Evidence(EvidenceCodes.NoOriginal, 0,
                    "The bounce quotes none of the original message's headers, and nothing else in it points either way.")
                : new Evidence(EvidenceCodes.NoConfiguration, 0,
                    "Nothing in your mail configuration applies to this bounce: add your outbound relays, authorised sending addresses or BATV keys to get a verdict."));
            return Undetermined([.. evidence]);
        }

        var strongestFor = evidence.Max(e => e.Weight);
        var total = evidence.Sum(e => e.Weight);
        if (strongestFor >= Proof)
        {
            return new Verdict(Judgement.Legitimate, Math.Round(strongestFor, 2), evidence);
        }

        if (total <= -DecisionThreshold && strongestFor < Doubt)
        {
            return new Verdict(Judgement.Backscatter, Confidence(total), evidence);
        }

        if (total >= DecisionThreshold)
        {
            return new Verdict(Judgement.Legitimate, Confidence(total), evidence);
        }

        return Undetermined([.. evidence]);
    }

    private static Verdict Undetermined(params Evidence[] evidence) => new(Judgement.Undetermined, 0, evidence);

    private static double Confidence(double total) => Math.Round(Math.Min(0.99, Math.Abs(total)), 2);

    private static void AddBatv(ClassificationResult result, TenantMailConfiguration tenant, DateOnly today, List<Evidence> evidence)
    {
        if (tenant.BatvKeys.Count == 0)
        {
            return;
        }

        // Where the bounce went is where the original's envelope sender pointed.
        var addresses = new[] { result.BouncedTo, result.Original.EnvelopeSender }
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!.Trim().Trim('<', '>'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var tagged = addresses.FirstOrDefault(a => BatvTag.TryParse(a, out _));
        if (tagged is not null)
        {
            var check = BatvSignature.Check(tagged, tenant.BatvKeys, today);
            evidence.Add(check switch
            {
                BatvCheckResult.Valid => new Evidence(EvidenceCodes.BatvValid, 1.0,
                    $"The bounce went to {tagged}, whose BATV tag was made with your key {TagKey(tagged)} and is still valid: you sent the original."),
                BatvCheckResult.Forged => new Evidence(EvidenceCodes.BatvForged, -1.0,
                    $"The bounce went to {tagged}, whose BATV tag does not match your key {TagKey(tagged)}: someone made it up."),
                BatvCheckResult.Expired => new Evidence(EvidenceCodes.BatvExpired, -0.8,
                    $"The bounce went to {tagged}, whose BATV tag expired on day {TagDay(tagged)}: an old address of yours was replayed."),
                _ => new Evidence(EvidenceCodes.BatvUnknownKey, -0.7,
                    $"The bounce went to {tagged}, whose BATV tag names key {TagKey(tagged)}, which you do not have."),
            });
            return;
        }

        var unsigned = addresses.FirstOrDefault(tenant.OwnsDomainOf);
        if (unsigned is not null && !tenant.MatchesVerp(unsigned))
        {
            evidence.Add(new Evidence(EvidenceCodes.BatvUnsigned, -0.9,
                $"The bounce went to {unsigned}, which carries no BATV tag, but you sign every envelope sender of {TenantMailConfiguration.DomainOf(unsigned)}: the original was not yours."));
        }
    }

    private static void AddVerp(ClassificationResult result, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        var address = new[] { result.BouncedTo, result.Original.EnvelopeSender }.FirstOrDefault(tenant.MatchesVerp);
        if (address is not null)
        {
            evidence.Add(new Evidence(EvidenceCodes.VerpMatch, 0.9,
                $"The bounce went to {address}, one of your VERP return paths: it answers mail you sent."));
        }
    }

    private static void AddReceivedChain(OriginalMessage original, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        if (original.Received.Count == 0 || (tenant.OutboundRelayNames.IsEmpty && tenant.OutboundRelayNetworks.IsEmpty))
        {
            return;
        }

        foreach (var hop in original.Received)
        {
            var relay = tenant.OutboundRelayNetworks.Contains(hop.FromIp) || tenant.OutboundRelayNames.Matches(hop.FromName)
                ? Describe(hop)
                : tenant.OutboundRelayNames.Matches(hop.ByName) ? hop.ByName : null;
            if (relay is not null)
            {
                evidence.Add(new Evidence(EvidenceCodes.ReceivedThroughRelay, 0.9,
                    $"The original passed through your outbound relay {relay}: you sent it."));
                return;
            }
        }

        var first = FirstExternalHop(original);
        evidence.Add(new Evidence(EvidenceCodes.ReceivedNoRelay, -0.8, first is null
            ? $"The original passed through none of your outbound relays ({original.Received.Count} Received headers)."
            : $"The original passed through none of your outbound relays; its first hop was {Describe(first)}."));
    }

    private static void AddSendingAddress(OriginalMessage original, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        if (tenant.AuthorisedSendingNetworks.IsEmpty)
        {
            return;
        }

        var authorised = original.Received.FirstOrDefault(h => tenant.AuthorisedSendingNetworks.Contains(h.FromIp));
        if (authorised is not null)
        {
            evidence.Add(new Evidence(EvidenceCodes.SentFromAuthorisedAddress, 0.8,
                $"The original was handed over by {Describe(authorised)}, one of your authorised sending addresses."));
            return;
        }

        var first = FirstExternalHop(original);
        if (first is not null)
        {
            evidence.Add(new Evidence(EvidenceCodes.SentFromUnauthorisedAddress, -0.6,
                $"The original entered the internet at {Describe(first)}, which is not among your authorised sending addresses."));
        }
    }

    private static void AddMessageId(OriginalMessage original, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        if (tenant.Domains.Count == 0 || string.IsNullOrWhiteSpace(original.MessageId))
        {
            return;
        }

        var id = original.MessageId.Trim().Trim('<', '>');
        var domain = TenantMailConfiguration.DomainOf(id);
        if (domain is null)
        {
            return;
        }

        if (tenant.OwnsDomainOf(id) || tenant.OutboundRelayNames.Matches(domain))
        {
            // A Message-ID is easy to forge, so a matching one is only a hint.
            evidence.Add(new Evidence(EvidenceCodes.MessageIdTenant, 0.15,
                $"The original's Message-ID <{id}> was made at {domain}, one of your domains (a weak hint: it is easy to forge)."));
        }
        else
        {
            evidence.Add(new Evidence(EvidenceCodes.MessageIdForeign, -0.3,
                $"The original's Message-ID <{id}> was made at {domain}, not at one of your domains or relays."));
        }
    }

    private static void AddDkim(OriginalMessage original, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        if (tenant.Domains.Count == 0)
        {
            return;
        }

        var own = original.DkimSignatures.Where(s => tenant.OwnsDomainOf("x@" + s.Domain)).ToArray();
        if (own.Length > 0)
        {
            var known = own.FirstOrDefault(s => s.Selector is not null && tenant.DkimSelectors.Contains(s.Selector, StringComparer.OrdinalIgnoreCase));
            if (known is not null)
            {
                evidence.Add(new Evidence(EvidenceCodes.DkimTenantSelector, 0.6,
                    $"The original carries a DKIM signature of {known.Domain} with your selector {known.Selector}."));
            }
            else if (tenant.DkimSelectors.Count > 0)
            {
                var sig = own[0];
                evidence.Add(new Evidence(EvidenceCodes.DkimUnknownSelector, -0.5,
                    $"The original carries a DKIM signature of {sig.Domain} with selector {sig.Selector ?? "(none)"}, which is not one of your selectors ({string.Join(", ", tenant.DkimSelectors)})."));
            }

            return;
        }

        if (tenant.DkimSelectors.Count > 0 && !original.IsEmpty && original.Received.Count > 0)
        {
            evidence.Add(new Evidence(EvidenceCodes.DkimMissing, -0.4,
                $"The original's headers carry no DKIM signature of your domains, although you sign your mail (selectors {string.Join(", ", tenant.DkimSelectors)})."));
        }
    }

    private static void AddUnusedSender(ClassificationResult result, TenantMailConfiguration tenant, List<Evidence> evidence)
    {
        if (result.Kind is not (MessageKind.AutoReply or MessageKind.ChallengeResponse) || tenant.SenderPatterns.Count == 0)
        {
            return;
        }

        var what = result.Kind == MessageKind.AutoReply ? "An auto-reply" : "A challenge";
        var target = (result.BouncedTo ?? result.Original.From)?.Trim().Trim('<', '>');
        if (target is null || !tenant.OwnsDomainOf(target))
        {
            return;
        }

        evidence.Add(tenant.MatchesSenderPattern(target)
            ? new Evidence(EvidenceCodes.SenderUsed, 0.2, $"{what} went to {target}, an address you do send from.")
            : new Evidence(EvidenceCodes.SenderNeverUsed, -0.7, $"{what} went to {target}, an address you never send from."));
    }

    /// <summary>The earliest hop from an address outside any internal network: where the original entered the internet.</summary>
    private static ReceivedHop? FirstExternalHop(OriginalMessage original) =>
        original.Received.LastOrDefault(h => h.FromIp is { } ip && !SpecialPurposeAddresses.IsInternal(ip));

    private static string Describe(ReceivedHop hop)
    {
        var ip = hop.FromIp?.ToString();
        var name = hop.FromName;
        return (ip, name) switch
        {
            (not null, not null) => $"{ip} ({name})",
            (not null, null) => ip,
            (null, not null) => name,
            _ => hop.ByName ?? "an unnamed host",
        };
    }

    private static string TagKey(string prvs) => BatvTag.TryParse(prvs, out var tag) ? tag.KeyNumber.ToString(CultureInfo.InvariantCulture) : "?";

    private static string TagDay(string prvs) => BatvTag.TryParse(prvs, out var tag) ? tag.ExpiryDay.ToString("D3", CultureInfo.InvariantCulture) : "?";
}
