using System.Net;

using Backscatter.Feed.Dns;

using DnsClient;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests;

public sealed class Starting_the_feed_from_configuration : IDisposable
{
    private readonly string _zoneFile = Path.Combine(Path.GetTempPath(), $"feed-test-{Guid.NewGuid():N}.zone");

    public void Dispose() => File.Delete(_zoneFile);

    [Fact]
    public async Task Should_serve_the_zone_file_on_the_bound_port()
    {
        await File.WriteAllTextAsync(_zoneFile, "198.252.206.16 :127.0.0.3:$ reflected 9 backscatter messages to 4 networks, last seen 2026-11-25; see x\n");
        using var host = Build(new() { ["DnsFeed:Port"] = "0", ["DnsFeed:ZoneFile"] = _zoneFile, ["DnsFeed:Zone"] = "dnsbl.example.org" });

        await host.StartAsync();
        try
        {
            var server = host.Services.GetRequiredService<DnsFeedService>().Server;
            Assert.NotNull(server);
            var response = await Client(server.Port).QueryAsync(NameOf(IPAddress.Parse("198.252.206.16"), "dnsbl.example.org"), QueryType.TXT);

            Assert.Equal(
                "198.252.206.16 reflected 9 backscatter messages to 4 networks, last seen 2026-11-25; see http://127.0.0.1:5080/lookup/198.252.206.16",
                string.Concat(Assert.Single(response.Answers.TxtRecords()).Text));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Should_serve_a_new_version_of_the_zone_file_as_soon_as_it_is_written()
    {
        await File.WriteAllTextAsync(_zoneFile, "198.252.206.16 :127.0.0.2:\n");
        using var host = Build(new() { ["DnsFeed:Port"] = "0", ["DnsFeed:ZoneFile"] = _zoneFile, ["DnsFeed:ReconcileInterval"] = "01:00:00" });
        await host.StartAsync();
        try
        {
            var client = Client(host.Services.GetRequiredService<DnsFeedService>().Server!.Port);
            var newcomer = NameOf(IPAddress.Parse("81.2.69.160"));
            var before = await client.QueryAsync(newcomer, QueryType.A);

            // Written beside it and renamed into place, as zone generators do.
            var next = _zoneFile + ".new";
            await File.WriteAllTextAsync(next, "198.252.206.16 :127.0.0.2:\n81.2.69.160 :127.0.0.5:\n");
            File.Move(next, _zoneFile, overwrite: true);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            IDnsQueryResponse after;
            do
            {
                await Task.Delay(100);
                after = await client.QueryAsync(newcomer, QueryType.A);
            }
            while (after.Answers.Count == 0 && DateTime.UtcNow < deadline);

            Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, before.Header.ResponseCode);
            Assert.Equal(IPAddress.Parse("127.0.0.5"), Assert.Single(after.Answers.ARecords()).Address);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Should_answer_one_query_per_system_call_when_batching_is_off()
    {
        await File.WriteAllTextAsync(_zoneFile, "198.252.206.16 :127.0.0.4:\n");
        using var host = Build(new() { ["DnsFeed:Port"] = "0", ["DnsFeed:ZoneFile"] = _zoneFile, ["DnsFeed:UdpBatching"] = "false" });
        await host.StartAsync();
        try
        {
            var server = host.Services.GetRequiredService<DnsFeedService>().Server!;
            var response = await Client(server.Port).QueryAsync(NameOf(IPAddress.Parse("198.252.206.16")), QueryType.A);

            Assert.False(host.Services.GetRequiredService<IOptions<DnsFeedOptions>>().Value.UdpBatching);
            Assert.Equal(IPAddress.Parse("127.0.0.4"), Assert.Single(response.Answers.ARecords()).Address);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void Should_take_the_configured_name_servers_instead_of_the_default()
    {
        using var host = Build(new() { ["DnsFeed:NameServers:0"] = "a.ns.example", ["DnsFeed:NameServers:1"] = "b.ns.example" });

        var options = host.Services.GetRequiredService<IOptions<DnsFeedOptions>>().Value;

        Assert.Equal(["a.ns.example", "b.ns.example"], options.NameServers);
    }

    [Theory]
    [InlineData("DnsFeed:Zone", "not a zone!")]
    [InlineData("DnsFeed:NameServers:0", "bad name!")]
    [InlineData("DnsFeed:Port", "70000")]
    [InlineData("DnsFeed:ListenAddress", "localhost")]
    [InlineData("DnsFeed:LookupUrlTemplate", "http://example.org/lookup")]
    [InlineData("DnsFeed:ZoneFile", "/nonexistent/zone.txt")]
    [InlineData("DnsFeed:MaxUdpPayload", "100")]
    [InlineData("DnsFeed:OperatorApiKey", "too-short-to-be-a-secret")]
    public async Task Should_refuse_to_start_with_invalid_options(string key, string value)
    {
        using var host = Build(new() { ["DnsFeed:Port"] = "0", [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // The message names the setting (without an array index), so that an operator finds it.
        Assert.Contains(string.Join(':', key.Split(':').Take(2)), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_to_start_when_the_port_is_taken()
    {
        await using var first = new DnsServer(new DnsFeedOptions { Port = 0 }, new ActiveListing(), TestMeters.NewDnsMetrics(), Microsoft.Extensions.Logging.Abstractions.NullLogger<DnsServer>.Instance);
        first.Start();
        using var host = Build(new() { ["DnsFeed:Port"] = first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => host.StartAsync());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDnsFeed();
        return builder.Build();
    }
}
