using Backscatter.Feed.Benchmarks;

// scripts/bench-dns.sh drives these; each command is bounded in time and listens on loopback only.
return args switch
{
    ["zone", var count, var zoneFile, var queryFile] => await FeedBenchmark.WriteZoneAndQueriesAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), zoneFile, queryFile),
    ["serve", var zoneFile, var port, var seconds] => await FeedBenchmark.ServeAsync(zoneFile, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), 0),
    ["serve", var zoneFile, var port, var seconds, var loops] => await FeedBenchmark.ServeAsync(zoneFile, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(loops, System.Globalization.CultureInfo.InvariantCulture)),
    ["memory", var zoneFile] => await FeedBenchmark.MeasureMemoryAndReloadAsync(zoneFile),
    ["seed-db", var owner, var count] => await FeedBenchmark.SeedDatabaseAsync(owner, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["memory-db", var feed] => await FeedBenchmark.MeasureDatabaseReloadAsync(feed),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: zone <count> <zone-file> <query-file> | serve <zone-file> <port> <seconds> [udp-receive-threads] | memory <zone-file> | seed-db <owner-connection> <listed-count> | memory-db <feed-connection>");
    return 2;
}
