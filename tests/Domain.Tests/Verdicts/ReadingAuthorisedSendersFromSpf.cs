using System.Net;

using Backscatter.Domain.Net;
using Backscatter.Domain.Verdicts;

using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Domain.Tests.Verdicts;

public sealed class ReadingAuthorisedSendersFromSpf
{
    private sealed class DnsTable : ISpfDns
    {
        public Dictionary<string, string[]> Txt { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string[]> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string[]> Mx { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Queries { get; private set; }

        public Task<IReadOnlyList<string>> TxtAsync(string domain, CancellationToken cancellationToken) =>
            Answer(Txt, domain, s => s);

        public Task<IReadOnlyList<IPAddress>> AddressesAsync(string domain, CancellationToken cancellationToken) =>
            Answer(Addresses, domain, IPAddress.Parse);

        public Task<IReadOnlyList<string>> MxHostsAsync(string domain, CancellationToken cancellationToken) =>
            Answer(Mx, domain, s => s);

        private Task<IReadOnlyList<T>> Answer<T>(Dictionary<string, string[]> table, string name, Func<string, T> parse)
        {
            Queries++;
            return Task.FromResult<IReadOnlyList<T>>(table.TryGetValue(name, out var values) ? [.. values.Select(parse)] : []);
        }
    }

    private static string[] Strings(IEnumerable<IpNetwork> networks) => [.. networks.Select(n => n.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Collects_ip4_ip6_a_and_mx_mechanisms_and_follows_includes()
    {
        var dns = new DnsTable();
        dns.Txt["tenant.example"] = ["google-site-verification=abc", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8:10::/48 a mx include:_spf.provider.example -ip4:198.51.100.1 ~all"];
        dns.Txt["_spf.provider.example"] = ["v=spf1 ip4:203.0.113.0/25 ?ip4:203.0.113.128/25 -all"];
        dns.Addresses["tenant.example"] = ["198.51.100.10"];
        dns.Mx["tenant.example"] = ["mx1.tenant.example"];
        dns.Addresses["mx1.tenant.example"] = ["198.51.100.25", "2001:db8:25::1"];

        var networks = await new SpfSendingNetworks(dns, new FakeTimeProvider()).ResolveAsync("tenant.example");

        Assert.Equal(
            ["192.0.2.0/24", "198.51.100.10/32", "198.51.100.25/32", "2001:db8:10::/48", "2001:db8:25::1/128", "203.0.113.0/25", "203.0.113.128/25"],
            Strings(networks));
    }

    [Fact]
    public async Task Follows_a_redirect_and_applies_cidr_lengths_to_a()
    {
        var dns = new DnsTable();
        dns.Txt["tenant.example"] = ["v=spf1 redirect=spf.tenant.example"];
        dns.Txt["spf.tenant.example"] = ["v=spf1 a:out.tenant.example/28 -all"];
        dns.Addresses["out.tenant.example"] = ["192.0.2.77"];

        var networks = await new SpfSendingNetworks(dns, new FakeTimeProvider()).ResolveAsync("tenant.example");

        Assert.Equal(["192.0.2.64/28"], Strings(networks));
    }

    [Fact]
    public async Task Stops_after_ten_lookups_on_an_include_loop()
    {
        var dns = new DnsTable();
        dns.Txt["loop.example"] = ["v=spf1 ip4:192.0.2.1 include:loop.example -all"];

        var networks = await new SpfSendingNetworks(dns, new FakeTimeProvider()).ResolveAsync("loop.example");

        Assert.Equal(["192.0.2.1/32"], Strings(networks));
        Assert.InRange(dns.Queries, 1, SpfSendingNetworks.MaxLookups + 1);
    }

    [Fact]
    public async Task Answers_from_its_cache_until_it_expires()
    {
        var dns = new DnsTable();
        dns.Txt["tenant.example"] = ["v=spf1 ip4:192.0.2.0/24 -all"];
        var clock = new FakeTimeProvider();
        var spf = new SpfSendingNetworks(dns, clock, TimeSpan.FromMinutes(10));

        await spf.ResolveAsync("tenant.example");
        dns.Txt["tenant.example"] = ["v=spf1 ip4:198.51.100.0/24 -all"];
        var cached = await spf.ResolveAsync("TENANT.example");
        clock.Advance(TimeSpan.FromMinutes(11));
        var fresh = await spf.ResolveAsync("tenant.example");

        Assert.Equal(["192.0.2.0/24"], Strings(cached));
        Assert.Equal(["198.51.100.0/24"], Strings(fresh));
    }

    [Theory]
    [InlineData("v=spf2 ip4:192.0.2.1")]
    [InlineData("spf1 ip4:192.0.2.1")]
    [InlineData("v=spf1 bogus:192.0.2.1")]
    [InlineData("")]
    public void Refuses_what_is_not_an_spf_record(string text)
    {
        Assert.False(SpfRecord.TryParse(text, out _));
    }
}
