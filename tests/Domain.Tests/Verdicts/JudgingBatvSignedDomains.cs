using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

/// <summary>A tenant that signs every envelope sender of tenant.example with BATV; real bounces, readdressed.</summary>
public sealed class JudgingBatvSignedDomains
{
    private const string Bounce = "lhost-postfix-01.eml";
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly BatvKey Key = new(3, "tenant secret");
    private static readonly TenantMailConfiguration Tenant = new()
    {
        Domains = ["tenant.example"],
        BatvKeys = [new BatvKey(2, "previous secret"), Key],
    };

    [Fact]
    public void Calls_a_bounce_to_a_valid_tag_legitimate()
    {
        var address = BatvSignature.Sign("ops@tenant.example", Key, Today.AddDays(-3)).ToString();

        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", address), Tenant, Today);

        Assert.Equal(Judgement.Legitimate, verdict.Judgement);
        Assert.Equal(EvidenceCodes.BatvValid, Assert.Single(verdict.Evidence).Code);
    }

    [Fact]
    public void Still_accepts_a_tag_of_the_previous_key_after_rotation()
    {
        var address = BatvSignature.Sign("ops@tenant.example", new BatvKey(2, "previous secret"), Today.AddDays(-1)).ToString();

        Assert.Equal(Judgement.Legitimate, VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", address), Tenant, Today).Judgement);
    }

    [Fact]
    public void Calls_a_bounce_to_an_unsigned_address_of_the_domain_backscatter()
    {
        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", "ops@tenant.example"), Tenant, Today);

        Assert.Equal(Judgement.Backscatter, verdict.Judgement);
        var evidence = Assert.Single(verdict.Evidence, e => e.Code == EvidenceCodes.BatvUnsigned);
        Assert.Contains("ops@tenant.example", evidence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_a_bounce_to_a_forged_tag_backscatter()
    {
        var genuine = BatvSignature.Sign("ops@tenant.example", Key, Today);
        var forged = (genuine with { Hash = genuine.Hash == "000000" ? "000001" : "000000" }).ToString();

        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", forged), Tenant, Today);

        Assert.Equal(Judgement.Backscatter, verdict.Judgement);
        Assert.Contains(verdict.Evidence, e => e.Code == EvidenceCodes.BatvForged);
    }

    [Fact]
    public void Calls_a_bounce_to_an_expired_tag_backscatter()
    {
        var old = BatvSignature.Sign("ops@tenant.example", Key, Today.AddDays(-30)).ToString();

        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", old), Tenant, Today);

        Assert.Equal(Judgement.Backscatter, verdict.Judgement);
        Assert.Contains(verdict.Evidence, e => e.Code == EvidenceCodes.BatvExpired);
    }

    [Fact]
    public void Leaves_a_bounce_to_another_domain_alone()
    {
        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(Bounce, "To", "someone@elsewhere.example"), Tenant, Today);

        Assert.NotEqual(Judgement.Backscatter, verdict.Judgement);
    }

    [Fact]
    public void Calls_a_bounce_to_a_verp_return_path_legitimate_even_unsigned()
    {
        var tenant = new TenantMailConfiguration
        {
            Domains = Tenant.Domains,
            BatvKeys = Tenant.BatvKeys,
            VerpPatterns = ["bounces+*@lists.tenant.example"],
        };

        var verdict = VerdictRules.Judge(
            CorpusBounces.WithHeader(Bounce, "To", "bounces+alice=example.net@lists.tenant.example"), tenant, Today);

        Assert.Equal(Judgement.Legitimate, verdict.Judgement);
        Assert.Contains(verdict.Evidence, e => e.Code == EvidenceCodes.VerpMatch);
    }
}
