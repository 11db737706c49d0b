using System.Diagnostics.Metrics;
using System.Net;

using Backscatter.Feed.Dns;

using Microsoft.Extensions.Logging.Abstractions;

namespace Backscatter.Feed.Tests;

/// <summary>A DNS server on a free loopback port, answering from a small known listing; one per test class.</summary>
public sealed class RunningDnsFeed : IAsyncLifetime
{
    public const string Zone = "bl.backscatter.test";

    /// <summary>A reflector of bounces seen by 3 networks.</summary>
    public static readonly IPAddress Bouncer = IPAddress.Parse("93.184.216.34");

    /// <summary>A reflector of bounces, auto-replies and virus notices.</summary>
    public static readonly IPAddress Everything = IPAddress.Parse("5.6.7.8");

    public static readonly IPAddress Challenger = IPAddress.Parse("2a00:1450:4001:81c::200e");

    public static readonly DateOnly LastSeen = new(2026, 11, 20);

    public const uint Serial = 2026112601;

    public ActiveListing Listing { get; } = new(BuildSnapshot(Serial));

    public DnsFeedOptions Options { get; } = new() { Port = 0, UdpReceiveLoops = 2, TcpIdleTimeout = TimeSpan.FromSeconds(2) };

    public DnsServer Server { get; private set; } = null!;

    public IMeterFactory Meters { get; } = TestMeters.NewFactory();

    public int Port => Server.Port;

    public static ListingSnapshot BuildSnapshot(uint serial) => new ListingSnapshotBuilder()
        .Add(Bouncer, new ListingFacts(1u << 2, 17, 3, LastSeen.DayNumber))
        .Add(Everything, new ListingFacts((1u << 2) | (1u << 3) | (1u << 5), 250, 12, LastSeen.DayNumber))
        .Add(Challenger, new ListingFacts(1u << 4, 4, 2, LastSeen.DayNumber))
        // In the snapshot on purpose: the server must still never list 127.0.0.1.
        .Add(IPAddress.Parse("127.0.0.1"), new ListingFacts(1u << 2, 1, 1, LastSeen.DayNumber))
        .Build(serial);

    public Task InitializeAsync()
    {
        Server = new DnsServer(Options, Listing, new DnsMetrics(Meters), NullLogger<DnsServer>.Instance);
        Server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
