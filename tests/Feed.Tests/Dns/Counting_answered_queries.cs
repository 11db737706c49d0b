using System.Diagnostics.Metrics;
using System.Net;

using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using DnsClient;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

/// <summary>The Feed host, from a zone file of one listed address, asked over UDP and TCP; its metrics read from its own meter factory.</summary>
public sealed class Counting_answered_queries : IAsyncLifetime
{
    private static readonly IPAddress Listed = IPAddress.Parse("198.252.206.16");
    private static readonly IPAddress Unlisted = IPAddress.Parse("81.2.69.160");

    private readonly string _zoneFile = Path.Combine(Path.GetTempPath(), $"feed-metrics-{Guid.NewGuid():N}.zone");
    private IHost _host = null!;
    private MetricCollector<long> _queries = null!;
    private MetricCollector<double> _reloads = null!;

    private IMeterFactory Meters => _host.Services.GetRequiredService<IMeterFactory>();

    private int Port => _host.Services.GetRequiredService<DnsFeedService>().Server!.Port;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_zoneFile, $"{Listed} :127.0.0.2:\n");
        await StartAsync(batching: true);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        File.Delete(_zoneFile);
    }

    private async Task StartAsync(bool batching)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DnsFeed:Port"] = "0",
            ["DnsFeed:ZoneFile"] = _zoneFile,
            ["DnsFeed:UdpBatching"] = batching ? "true" : "false",
            ["DnsFeed:ReconcileInterval"] = "00:00:00.5",
        });
        builder.AddDnsFeed();
        _host = builder.Build();
        _queries = new MetricCollector<long>(Meters, TelemetryExtensions.SourceName, DnsMetrics.QueriesName);
        _reloads = new MetricCollector<double>(Meters, TelemetryExtensions.SourceName, ListingMetrics.ReloadDurationName);
        await _host.StartAsync();
    }

    private async Task StopAsync()
    {
        _queries.Dispose();
        _reloads.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Theory]
    [InlineData(false, "udp")]
    [InlineData(true, "tcp")]
    public async Task Counts_each_query_by_transport_and_response_code(bool tcp, string transport)
    {
        var client = Client(Port, tcp);

        await client.QueryAsync(NameOf(Listed), QueryType.A);
        await client.QueryAsync(NameOf(Unlisted), QueryType.A);
        await client.QueryAsync(NameOf(Unlisted), QueryType.TXT);
        await client.QueryAsync("www.example.com", QueryType.A);

        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, transport), (DnsMetrics.ResponseCodeTag, "NOERROR"), (DnsMetrics.ListedTag, true)));
        Assert.Equal(2, await _queries.SumWhenAsync(2, (DnsMetrics.TransportTag, transport), (DnsMetrics.ResponseCodeTag, "NXDOMAIN"), (DnsMetrics.ListedTag, false)));
        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, transport), (DnsMetrics.ResponseCodeTag, "REFUSED")));
        Assert.Equal(4, _queries.Sum());
    }

    [Fact]
    public async Task Counts_each_query_over_UDP_without_batching_too()
    {
        await StopAsync();
        await StartAsync(batching: false);
        var client = Client(Port);

        await client.QueryAsync(NameOf(Listed), QueryType.TXT);
        await client.QueryAsync(NameOf(Unlisted), QueryType.A);

        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, "udp"), (DnsMetrics.ResponseCodeTag, "NOERROR"), (DnsMetrics.ListedTag, true)));
        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, "udp"), (DnsMetrics.ResponseCodeTag, "NXDOMAIN")));
        Assert.Equal(2, _queries.Sum());
    }

    [Fact]
    public async Task Counts_a_malformed_question_as_formerr_and_a_response_as_unanswered()
    {
        var malformed = Query(NameOf(Listed), type: 1);
        malformed[5] = 2; // two questions

        await SendUdpAsync(Port, malformed);
        var response = Query(NameOf(Listed), type: 1, flags: 0x8100);
        await SendUdpAsync(Port, response, timeoutMilliseconds: 300);

        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, "udp"), (DnsMetrics.ResponseCodeTag, "FORMERR")));
        Assert.Equal(1, await _queries.SumWhenAsync(1, (DnsMetrics.TransportTag, "udp"), (DnsMetrics.ResponseCodeTag, "none")));
    }

    [Fact]
    public async Task Reports_the_listing_it_answers_from_and_how_long_each_load_took()
    {
        using var listings = new MetricCollector<int>(Meters, TelemetryExtensions.SourceName, ListingMetrics.ListingsName);
        using var serial = new MetricCollector<long>(Meters, TelemetryExtensions.SourceName, ListingMetrics.SerialName);
        using var age = new MetricCollector<double>(Meters, TelemetryExtensions.SourceName, ListingMetrics.AgeName);

        var listing = _host.Services.GetRequiredService<ActiveListing>();

        var serialBefore = listing.Current.Serial;
        listings.RecordObservableInstruments();
        serial.RecordObservableInstruments();
        age.RecordObservableInstruments();
        var serialAfter = listing.Current.Serial;

        Assert.Equal(1, listings.LastMeasurement?.Value);
        // The reconciler swaps a snapshot in every half second here, each with a new serial.
        Assert.InRange(serial.LastMeasurement!.Value, serialBefore, serialAfter);
        Assert.InRange(age.LastMeasurement!.Value, 0, 60);
        // The load at start, then the reconciler's reloads (every half second here), the new file among them.
        var next = _zoneFile + ".new";
        await File.WriteAllTextAsync(next, $"{Listed} :127.0.0.2:\n{Unlisted} :127.0.0.3:\n");
        File.Move(next, _zoneFile, overwrite: true);
        var durations = await _reloads.ValuesWhenAsync(3);
        Assert.True(durations.Count >= 3, $"{durations.Count} loads");
        Assert.All(durations, d => Assert.InRange(d, 0, 10));
        Assert.All(_reloads.GetMeasurementSnapshot(), m => Assert.False(m.Tags.ContainsKey(ListingMetrics.ErrorTypeTag)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(100);
            listings.RecordObservableInstruments();
        }
        while (listings.LastMeasurement?.Value != 2 && DateTime.UtcNow < deadline);

        Assert.Equal(2, listings.LastMeasurement?.Value);
    }
}
