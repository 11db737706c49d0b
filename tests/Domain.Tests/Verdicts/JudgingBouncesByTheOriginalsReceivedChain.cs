using Backscatter.Domain.Net;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

public sealed class JudgingBouncesByTheOriginalsReceivedChain
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<string> Bounces() => [.. CorpusBounces.WithOriginalReceivedChain];

    [Fact]
    public void Has_enough_real_bounces_with_an_original_received_chain_to_judge()
    {
        Assert.True(CorpusBounces.WithOriginalReceivedChain.Count() >= 50, $"only {CorpusBounces.WithOriginalReceivedChain.Count()}");
    }

    [Theory]
    [MemberData(nameof(Bounces))]
    public void Calls_it_legitimate_when_the_original_came_through_the_tenants_relay(string file)
    {
        var bounce = CorpusBounces.Get(file);
        var sender = bounce.Original.Received.Last(h => h.FromIp is not null).FromIp!;
        var tenant = new TenantMailConfiguration
        {
            OutboundRelayNetworks = new NetworkList([IpNetwork.Parse(sender.ToString())]),
        };

        var verdict = VerdictRules.Judge(bounce, tenant, Today);

        Assert.Equal(Judgement.Legitimate, verdict.Judgement);
        Assert.Contains(verdict.Evidence, e => e.Code == EvidenceCodes.ReceivedThroughRelay);
    }

    [Theory]
    [MemberData(nameof(Bounces))]
    public void Calls_it_backscatter_when_the_original_passed_none_of_the_tenants_relays(string file)
    {
        var tenant = new TenantMailConfiguration
        {
            OutboundRelayNetworks = new NetworkList([IpNetwork.Parse("198.18.0.0/15"), IpNetwork.Parse("2001:db8:ffff::/48")]),
            OutboundRelayNames = new HostNameList(["relay.tenant-that-sent-nothing.example"]),
        };

        var verdict = VerdictRules.Judge(CorpusBounces.Get(file), tenant, Today);

        Assert.Equal(Judgement.Backscatter, verdict.Judgement);
        var evidence = Assert.Single(verdict.Evidence, e => e.Code == EvidenceCodes.ReceivedNoRelay);
        Assert.True(evidence.Weight < 0);
        Assert.StartsWith("The original passed through none of your outbound relays", evidence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_first_hop_of_the_original_in_words_an_administrator_reads()
    {
        var tenant = new TenantMailConfiguration { OutboundRelayNames = new HostNameList(["smtp.tenant.example"]) };

        var verdict = VerdictRules.Judge(CorpusBounces.Get(CorpusBounces.WithOriginalReceivedChain.First()), tenant, Today);

        var text = Assert.Single(verdict.Evidence, e => e.Code == EvidenceCodes.ReceivedNoRelay).Text;
        Assert.Matches(@"^The original passed through none of your outbound relays; its first hop was [0-9a-f.:]+( \([^)]+\))?\.$", text);
    }

    [Fact]
    public void Matches_relays_by_wildcard_host_name()
    {
        var bounce = CorpusBounces.WithOriginalReceivedChain.Select(CorpusBounces.Get)
            .First(b => b.Original.Received.Any(h => h.FromName?.Count(c => c == '.') >= 2));
        var named = bounce.Original.Received.Last(h => h.FromName?.Count(c => c == '.') >= 2).FromName!;
        var tenant = new TenantMailConfiguration
        {
            OutboundRelayNames = new HostNameList(["*." + named[(named.IndexOf('.', StringComparison.Ordinal) + 1)..].ToUpperInvariant()]),
        };

        Assert.Equal(Judgement.Legitimate, VerdictRules.Judge(bounce, tenant, Today).Judgement);
    }
}
