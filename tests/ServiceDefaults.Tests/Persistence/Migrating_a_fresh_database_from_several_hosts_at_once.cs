using Backscatter.Testing;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Backscatter.ServiceDefaults.Tests.Persistence;

/// <summary>
/// <c>./run.sh</c> starts the portal, the Ingest and the Feed at once against a fresh database, and so
/// does a deployment of several replicas. Some migrations run outside a transaction, and EF Core's
/// migration lock lasts only as long as one: without a lock of our own, a second host applied a
/// migration the first was applying and logged "relation already exists" before it retried. A first
/// start must read clean: no error or warning from the migrator or from EF Core.
/// </summary>
public sealed class Migrating_a_fresh_database_from_several_hosts_at_once : IAsyncLifetime
{
    private const int Hosts = 3;
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Should_migrate_it_once_without_a_failed_attempt_or_an_alarming_line()
    {
        using var efLogs = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(efLogs).SetMinimumLevel(LogLevel.Information));
        var logs = Enumerable.Range(0, Hosts).Select(_ => new FakeLogger<DatabaseMigrator>()).ToArray();
        var migrators = logs.Select(log => new DatabaseMigrator(_database.ConnectionString, loggers, log)).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await Task.WhenAll(migrators.Select(m => Task.Run(() => m.StartAsync(stop.Token), stop.Token)));

        Assert.All(migrators, m => Assert.True(m.IsMigrated, m.LastError));
        var failures = logs.SelectMany(l => l.Collector.GetSnapshot()).Concat(efLogs.Collector.GetSnapshot())
            .Where(r => r.Level >= LogLevel.Warning).ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures.Select(f => $"{f.Category}: {f.Message}: {f.Exception?.Message}")));
        foreach (var migrator in migrators)
        {
            await migrator.StopAsync(CancellationToken.None);
            migrator.Dispose();
        }
    }
}
