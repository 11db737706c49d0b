using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

/// <summary>Real auto-replies of the corpus, readdressed to a tenant that declares the addresses it sends from.</summary>
public sealed class JudgingAutoReplies
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly TenantMailConfiguration Tenant = new()
    {
        Domains = ["tenant.example"],
        SenderPatterns = ["news@tenant.example", "*@support.tenant.example"],
    };

    public static TheoryData<string> AutoReplies() =>
        [.. CorpusBounces.Files.Where(f => CorpusBounces.Get(f).Kind == MessageKind.AutoReply)];

    [Theory]
    [MemberData(nameof(AutoReplies))]
    public void Calls_an_auto_reply_to_an_address_the_tenant_never_sends_from_backscatter(string file)
    {
        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(file, "To", "ceo@tenant.example"), Tenant, Today);

        Assert.Equal(Judgement.Backscatter, verdict.Judgement);
        var evidence = Assert.Single(verdict.Evidence, e => e.Code == EvidenceCodes.SenderNeverUsed);
        Assert.Equal("An auto-reply went to ceo@tenant.example, an address you never send from.", evidence.Text);
    }

    [Theory]
    [MemberData(nameof(AutoReplies))]
    public void Does_not_call_an_auto_reply_to_a_real_sender_backscatter(string file)
    {
        var verdict = VerdictRules.Judge(CorpusBounces.WithHeader(file, "To", "agent7@support.tenant.example"), Tenant, Today);

        Assert.NotEqual(Judgement.Backscatter, verdict.Judgement);
        Assert.Contains(verdict.Evidence, e => e.Code == EvidenceCodes.SenderUsed);
    }

    [Fact]
    public void Has_real_auto_replies_to_judge()
    {
        Assert.NotEmpty(AutoReplies());
    }
}
