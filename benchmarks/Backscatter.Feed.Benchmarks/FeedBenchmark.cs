using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;
using Backscatter.Feed.Zones;

using Backscatter.ServiceDefaults;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Backscatter.Feed.Benchmarks;

/// <summary>The measurements behind docs/benchmarks.md, "DNS feed".</summary>
internal static class FeedBenchmark
{
    private static readonly DnsFeedOptions Options = new();

    /// <summary>
    /// One zone file for both servers (our writer's ip4set is rbldnsd's input too) and a dnsperf query
    /// file that alternates listed and unlisted addresses.
    /// </summary>
    public static async Task<int> WriteZoneAndQueriesAsync(int count, string zoneFile, string queryFile)
    {
        var random = new Random(5782);
        var listed = RandomPublicAddresses(random, count, exclude: null);
        var unlisted = RandomPublicAddresses(random, count, exclude: listed);
        var snapshot = Build(listed, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await using (var zone = new StreamWriter(zoneFile, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            await RbldnsdZoneWriter.WriteAsync(snapshot, RbldnsdDataset.Ip4Set, Options, zone, CancellationToken.None);
        }

        var listedList = listed.ToArray();
        var unlistedList = unlisted.ToArray();
        await using var queries = new StreamWriter(queryFile, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 0; i < count; i++)
        {
            await queries.WriteLineAsync(QueryLine(listedList[i]));
            await queries.WriteLineAsync(QueryLine(unlistedList[i]));
        }

        Console.WriteLine($"wrote {count} listed addresses to {zoneFile} and {2 * count} queries (half listed) to {queryFile}");
        return 0;
    }

    /// <summary>The feed's DNS server alone (no host, database or bus) on 127.0.0.1, for a bounded time.</summary>
    public static async Task<int> ServeAsync(string zoneFile, int port, int seconds, int udpReceiveThreads)
    {
        var options = new DnsFeedOptions { Port = port, ZoneFile = zoneFile, UdpReceiveLoops = udpReceiveThreads };
        // scripts/bench-dns.sh passes FEED_SLICE_US through: 0 keeps the kernel's slice, to compare.
        if (int.TryParse(Environment.GetEnvironmentVariable("FEED_SLICE_US"), CultureInfo.InvariantCulture, out var slice))
        {
            options.UdpReceiveSlice = TimeSpan.FromMicroseconds(slice);
        }

        // FEED_BATCHING=0: one query per system call, as before DnsFeed:UdpBatching.
        options.UdpBatching = Environment.GetEnvironmentVariable("FEED_BATCHING") != "0";

        // FEED_SOCKET_PER_THREAD=1: each receive thread on a socket of its own (DnsFeed:UdpSocketPerThread).
        options.UdpSocketPerThread = Environment.GetEnvironmentVariable("FEED_SOCKET_PER_THREAD") == "1";

        var started = Stopwatch.GetTimestamp();
        var snapshot = await new ZoneFileListingSource(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System).LoadAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {snapshot.Count} addresses in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
        // FEED_METRICS=1: the server's metrics aggregated by the OpenTelemetry SDK, as in the host with an
        // exporter configured (exported every 10 s to nowhere); otherwise nothing listens and counting costs almost nothing.
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metricsProvider = Environment.GetEnvironmentVariable("FEED_METRICS") == "1"
            ? Sdk.CreateMeterProviderBuilder()
                .AddMeter(TelemetryExtensions.SourceName)
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 10_000))
                .Build()
            : null;
        await using var server = new DnsServer(options, new ActiveListing(snapshot), new DnsMetrics(meters.GetRequiredService<IMeterFactory>()), NullLogger<DnsServer>.Instance);
        server.Start();
        Console.WriteLine($"serving {options.Zone} on 127.0.0.1:{server.Port} for {seconds} s, {(udpReceiveThreads > 0 ? udpReceiveThreads : Environment.ProcessorCount)} UDP receive threads, slice {options.UdpReceiveSlice.TotalMicroseconds} µs, batching {options.UdpBatching}, socket per thread {options.UdpSocketPerThread}");

        // Collections and allocations while serving: a garbage collection pauses the receive threads, so
        // the latency tail is only the server's own if these stay at zero.
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // scripts/bench-dns.sh stops the server with SIGTERM when done and reads the line below.
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"while serving: {GC.GetTotalAllocatedBytes(precise: true) - allocated} bytes allocated, collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}"));
        return 0;
    }

    /// <summary>
    /// Memory of a listing loaded from <paramref name="zoneFile"/> in a process that does nothing else,
    /// and how long a reload (parse, sort, swap) takes: the first one cold, the next ones as a running feed sees them.
    /// </summary>
    public static async Task<int> MeasureMemoryAndReloadAsync(string zoneFile)
    {
        Settle();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var listing = new ActiveListing();
        var loads = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            // A new source each time: a source skips a file it has already loaded and that did not change.
            using var source = new ZoneFileListingSource(Microsoft.Extensions.Options.Options.Create(new DnsFeedOptions { ZoneFile = zoneFile }), TimeProvider.System);
            var started = Stopwatch.GetTimestamp();
            listing.Replace(await source.LoadAsync(CancellationToken.None));
            loads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // What a running feed keeps: the snapshot, after the garbage of the reloads is collected and returned.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var snapshot = listing.Current;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"listed addresses: {snapshot.Count:N0} from a {new FileInfo(zoneFile).Length / 1048576.0:0} MB zone file"));
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(inv, $"snapshot arrays: {SnapshotBytes(snapshot) / 1048576.0:0.0} MB; managed heap growth {(after - before) / 1048576.0:0.0} MB (heap {info.HeapSizeBytes / 1048576.0:0.0} MB, fragmented {info.FragmentedBytes / 1048576.0:0.0} MB)"));
        Console.WriteLine(string.Create(inv, $"process working set after the reloads: {process.WorkingSet64 / 1048576.0:0} MB (peak during the reloads {process.PeakWorkingSet64 / 1048576.0:0} MB)"));
        Console.WriteLine(string.Create(inv, $"reload (parse, sort, swap): first {loads[0]:0} ms (cold: JIT, page cache), then {string.Join(", ", loads.Skip(1).Select(l => l.ToString("0", inv) + " ms"))}"));

        var addresses = snapshot.IPv4Addresses.ToArray();
        var facts = snapshot.IPv4Facts.ToArray();
        var rebuilds = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var builder = new ListingSnapshotBuilder(addresses.Length);
            for (var j = addresses.Length - 1; j >= 0; j--)
            {
                builder.Add(addresses[j], facts[j]);
            }

            listing.Replace(builder.Build((uint)(10 + i)));
            rebuilds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine(string.Create(inv, $"rebuild from listings already in memory (the database path; sort, swap): {string.Join(", ", rebuilds.Select(l => l.ToString("0", inv) + " ms"))}"));

        // One ListingChanged applied to the whole listing: a merge into new arrays, no sort.
        var updates = new Listings.ListingUpdates(listing, TimeProvider.System);
        var changes = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var address = IPAddress.Parse(string.Create(inv, $"45.33.{i}.{i + 1}"));
            var started = Stopwatch.GetTimestamp();
            updates.Apply([new Domain.Contracts.ListingChanged(address, "Listed", true, [2], 3, 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(28), DateTimeOffset.UtcNow)]);
            changes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        changes.Sort();
        Console.WriteLine(string.Create(inv, $"apply one ListingChanged (copy and merge, swap), 20 times: median {changes[10]:0.0} ms, max {changes[^1]:0.0} ms"));
        var batch = Enumerable.Range(0, 1000)
            .Select(i => new Domain.Contracts.ListingChanged(
                IPAddress.Parse(string.Create(inv, $"45.34.{i / 250}.{i % 250}")), "Listed", true, [2], 3, 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(28), DateTimeOffset.UtcNow))
            .ToArray();
        var batchStarted = Stopwatch.GetTimestamp();
        updates.Apply(batch);
        Console.WriteLine(string.Create(inv, $"apply a batch of 1,000 ListingChanged in one snapshot: {Stopwatch.GetElapsedTime(batchStarted).TotalMilliseconds:0.0} ms"));
        return 0;
    }

    /// <summary>The schema owner migrates the database and gives it <paramref name="count"/> listed rows, unless it holds them.</summary>
    public static async Task<int> SeedDatabaseAsync(string ownerConnectionString, int count)
    {
        var owner = new DbContextOptionsBuilder<BackscatterDbContext>();
        owner.UseBackscatterDatabase(ownerConnectionString);
        await using (var db = new BackscatterDbContext(owner.Options))
        {
            await db.Database.MigrateAsync();
        }

        await SeedListingsAsync(ownerConnectionString, count);
        return 0;
    }

    /// <summary>
    /// The feed's own reload: the listed rows of <c>listings</c> read through <see cref="DatabaseListingSource"/>
    /// as the Feed's login, four times, as the reconciler does at start and on its timer (after
    /// <see cref="SeedDatabaseAsync"/>, in a process of its own).
    /// </summary>
    public static async Task<int> MeasureDatabaseReloadAsync(string feedConnectionString)
    {
        var options = new DbContextOptionsBuilder<BackscatterDbContext>();
        options.UseBackscatterDatabase(feedConnectionString);
        var source = new DatabaseListingSource(new PooledDbContextFactory<BackscatterDbContext>(options.Options), new ListingPolicy(new ListingPolicyOptions()), TimeProvider.System);
        Settle();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var listing = new ActiveListing();
        var loads = new List<double>();
        var allocated = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            listing.Replace(await source.LoadAsync(CancellationToken.None));
            loads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1048576.0);
        }

        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"listed addresses loaded from PostgreSQL: {listing.Current.Count:N0}"));
        Console.WriteLine(string.Create(inv, $"managed heap growth {(after - before) / 1048576.0:0.0} MB; process working set after the reloads: {process.WorkingSet64 / 1048576.0:0} MB (peak during the reloads {process.PeakWorkingSet64 / 1048576.0:0} MB)"));
        Console.WriteLine(string.Create(inv, $"reload from PostgreSQL (query, build, swap): first {loads[0]:0} ms (cold: JIT, connection), then {string.Join(", ", loads.Skip(1).Select(l => l.ToString("0", inv) + " ms"))}"));
        Console.WriteLine(string.Create(inv, $"allocated per reload: {string.Join(", ", allocated.Select(a => a.ToString("0", inv) + " MB"))}"));
        return 0;
    }

    private static async Task SeedListingsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var existing = new NpgsqlCommand("SELECT count(*) FROM listings WHERE is_listed", connection))
        {
            if ((long)(await existing.ExecuteScalarAsync())! == count)
            {
                return;
            }
        }

        // Addresses spread over 11.0.0.0/8 (public, never on the policy's list of addresses it will not list).
        await using var seed = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("TRUNCATE listings"),
                new NpgsqlBatchCommand(
                    """
                    INSERT INTO listings (ip, is_listed, return_codes, listed_since, expires_at, last_seen, message_count, tenant_count, reason, updated_at)
                    SELECT '11.0.0.0'::inet + (i * 13), true,
                           CASE WHEN i % 10 = 0 THEN ARRAY[2, 3] WHEN i % 10 < 3 THEN ARRAY[3] ELSE ARRAY[2] END,
                           now() - interval '3 days', now() + interval '20 days', now() - (i % 28) * interval '1 hour',
                           3 + i % 50, 2 + i % 7, 'seeded by Backscatter.Feed.Benchmarks', now()
                    FROM generate_series(0, $1 - 1) AS i
                    """)
                {
                    Parameters = { new NpgsqlParameter { Value = count } },
                },
                new NpgsqlBatchCommand("ANALYZE listings"),
            },
            Timeout = 600,
        };
        await seed.ExecuteNonQueryAsync();
    }

    private static long SnapshotBytes(ListingSnapshot snapshot) =>
        (snapshot.IPv4Addresses.Length * sizeof(uint)) + (snapshot.IPv6Addresses.Length * 16L)
        + ((snapshot.IPv4Facts.Length + snapshot.IPv6Facts.Length) * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<ListingFacts>());

    private static ListingSnapshot Build(IEnumerable<IPAddress> addresses, uint serial)
    {
        var builder = new ListingSnapshotBuilder();
        var day = new DateOnly(2026, 11, 20).DayNumber;
        var i = 0;
        foreach (var address in addresses)
        {
            // Mostly bounces, some auto-replies, a few with both, like the real feed should look.
            var codes = (i % 10) switch { 0 => (1u << 2) | (1u << 3), < 3 => 1u << 3, _ => 1u << 2 };
            builder.Add(address, new ListingFacts(codes, 3 + (i % 50), 2 + (i % 7), day - (i % 28)));
            i++;
        }

        return builder.Build(serial);
    }

    private static HashSet<IPAddress> RandomPublicAddresses(Random random, int count, HashSet<IPAddress>? exclude)
    {
        var addresses = new HashSet<IPAddress>(count);
        Span<byte> bytes = stackalloc byte[4];
        while (addresses.Count < count)
        {
            random.NextBytes(bytes);
            var address = new IPAddress(bytes);
            if (ListingPolicy.IsListable(address) && exclude?.Contains(address) != true)
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    private static string QueryLine(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"{b[3]}.{b[2]}.{b[1]}.{b[0]}.{Options.Zone} A");
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

}
