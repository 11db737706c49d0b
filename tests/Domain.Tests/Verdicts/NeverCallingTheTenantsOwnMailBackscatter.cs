using Backscatter.Domain.Classification;
using Backscatter.Domain.Net;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

/// <summary>
/// The worst error this product can make: calling a bounce of mail the tenant really sent
/// backscatter, which would list an innocent server. Every real bounce of the corpus, against a
/// tenant whose configuration points every other way, with one proof that the tenant sent it.
/// </summary>
public sealed class NeverCallingTheTenantsOwnMailBackscatter
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<string> WithReceivedChain() => [.. CorpusBounces.WithOriginalReceivedChain];

    public static TheoryData<string> Everything() => [.. CorpusBounces.Files];

    /// <summary>Everything that points to forgery: BATV on the domain, DKIM selectors, authorised senders and relays that do not match.</summary>
    private static TenantMailConfiguration Hostile(ClassificationResult bounce, NetworkList? relays = null) => new()
    {
        Domains = [TenantMailConfiguration.DomainOf(bounce.BouncedTo) ?? "tenant.example", "tenant.example"],
        BatvKeys = [new BatvKey(0, "secret")],
        DkimSelectors = ["selector-we-never-saw"],
        SenderPatterns = ["nobody@tenant.example"],
        AuthorisedSendingNetworks = new NetworkList([IpNetwork.Parse("198.18.0.0/15")]),
        OutboundRelayNetworks = relays ?? new NetworkList([IpNetwork.Parse("198.18.0.0/15")]),
    };

    [Theory]
    [MemberData(nameof(WithReceivedChain))]
    public void Trusts_the_relay_in_the_originals_chain_over_every_sign_of_forgery(string file)
    {
        var bounce = CorpusBounces.Get(file);
        var relay = bounce.Original.Received.First(h => h.FromIp is not null).FromIp!;

        var verdict = VerdictRules.Judge(bounce, Hostile(bounce, new NetworkList([IpNetwork.Parse(relay.ToString())])), Today);

        Assert.Equal(Judgement.Legitimate, verdict.Judgement);
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Trusts_a_valid_batv_tag_over_every_sign_of_forgery(string file)
    {
        var tagged = BatvSignature.Sign("ops@tenant.example", new BatvKey(0, "secret"), Today.AddDays(-2)).ToString();
        var bounce = CorpusBounces.WithHeader(file, "To", tagged);
        if (bounce.BouncedTo != tagged)
        {
            // Bounces that name the bounced-to address elsewhere (X-Original-To, Delivered-To) first.
            bounce = CorpusBounces.WithHeader(file, "X-Original-To", tagged);
        }

        var verdict = VerdictRules.Judge(bounce, Hostile(bounce), Today);

        Assert.NotEqual(Judgement.Backscatter, verdict.Judgement);
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Never_calls_anything_backscatter_for_a_tenant_without_configuration(string file)
    {
        var verdict = VerdictRules.Judge(CorpusBounces.Get(file), TenantMailConfiguration.Empty, Today);

        Assert.NotEqual(Judgement.Backscatter, verdict.Judgement);
        Assert.NotEmpty(verdict.Evidence);
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Gives_concrete_evidence_for_every_backscatter_verdict(string file)
    {
        var bounce = CorpusBounces.Get(file);

        var verdict = VerdictRules.Judge(bounce, Hostile(bounce), Today);

        if (verdict.Judgement == Judgement.Backscatter)
        {
            Assert.Contains(verdict.Evidence, e => e.Weight < 0);
            Assert.All(verdict.Evidence, e => Assert.Matches(@"^[A-Z].*[.:]$|^[A-Z].*\.\)$", e.Text));
            Assert.InRange(verdict.Confidence, 0.5, 1.0);
        }
        else
        {
            Assert.DoesNotContain(verdict.Evidence, e => e.Weight >= 0.9);
        }
    }

    [Fact]
    public void Finds_most_bounces_to_a_hostile_tenant_backscatter_so_the_suite_means_something()
    {
        var judged = CorpusBounces.Files.Select(CorpusBounces.Get).Where(b => b.IsBounce)
            .Select(b => VerdictRules.Judge(b, Hostile(b), Today).Judgement).ToArray();

        Assert.True(judged.Count(j => j == Judgement.Backscatter) * 10 >= judged.Length * 9,
            $"{judged.Count(j => j == Judgement.Backscatter)} of {judged.Length} bounces judged backscatter");
    }

    [Fact]
    public void Never_calls_a_message_that_is_not_a_bounce_backscatter()
    {
        foreach (var file in Directory.EnumerateFiles(Backscatter.Testing.SharedCorpus.PathOf("sisimai/maildir/not")))
        {
            var message = BounceClassifier.Classify(File.ReadAllBytes(file));
            var tenant = new TenantMailConfiguration { Domains = ["tenant.example"], BatvKeys = [new BatvKey(0, "x")] };

            Assert.NotEqual(Judgement.Backscatter, VerdictRules.Judge(message, tenant, Today).Judgement);
        }
    }
}
