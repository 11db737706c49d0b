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

    private IMeterFactory Meters => _host.Services.GetRequiredService<IMeterFactory>();

    private int Port => _host.Services.GetRequiredService<DnsFeedService>().Server!.Port;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_zoneFile, $"{Listed} :127.0.0.2:\n");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DnsFeed:Port"] = "0", ["DnsFeed:ZoneFile"] = _zoneFile });
        builder.AddDnsFeed();
        _host = builder.Build();
        _queries = new MetricCollector<long>(Meters, TelemetryExtensions.SourceName, DnsMetrics.QueriesName);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _queries.Dispose();
        await _host.StopAsync();
        _host.Dispose();
        File.Delete(_zoneFile);
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
    public async Task Reports_the_listing_it_answers_from_and_how_long_loading_it_took()
    {
        using var listings = new MetricCollector<int>(Meters, TelemetryExtensions.SourceName, ListingMetrics.ListingsName);
        using var serial = new MetricCollector<long>(Meters, TelemetryExtensions.SourceName, ListingMetrics.SerialName);
        using var age = new MetricCollector<double>(Meters, TelemetryExtensions.SourceName, ListingMetrics.AgeName);
        using var reload = new MetricCollector<double>(Meters, TelemetryExtensions.SourceName, ListingMetrics.ReloadDurationName);

        listings.RecordObservableInstruments();
        serial.RecordObservableInstruments();
        age.RecordObservableInstruments();

        var snapshot = _host.Services.GetRequiredService<ActiveListing>().Current;
        Assert.Equal(1, listings.LastMeasurement?.Value);
        Assert.Equal(snapshot.Serial, (uint)serial.LastMeasurement!.Value);
        Assert.InRange(age.LastMeasurement!.Value, 0, 60);
        // Loaded once at start, before this collector listened: the next reload is the zone file rewritten.
        await File.WriteAllTextAsync(_zoneFile, $"{Listed} :127.0.0.2:\n{Unlisted} :127.0.0.3:\n");
        var durations = await reload.ValuesWhenAsync(1);
        Assert.NotEmpty(durations);
        Assert.All(durations, d => Assert.InRange(d, 0, 10));
        Assert.Null(reload.LastMeasurement!.Tags.GetValueOrDefault(ListingMetrics.ErrorTypeTag));
    }
}
