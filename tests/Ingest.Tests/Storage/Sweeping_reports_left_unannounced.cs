using System.Diagnostics.Metrics;
using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Storage;
using Backscatter.Testing;

using MassTransit;
using MassTransit.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Npgsql;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>
/// The sweeper after a broker outage: the whole backlog announced at once, announced again only
/// when classification stops making progress on it, and by one replica at a time. Real PostgreSQL (as the Ingest's own login); the
/// bus is MassTransit's test harness, which records what is published.
/// </summary>
public sealed class Sweeping_reports_left_unannounced : IAsyncLifetime
{
    private static readonly TimeSpan OlderThan = TimeSpan.FromMinutes(2);

    private readonly MigratedTestDatabase _database = new();
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly List<ServiceProvider> _buses = [];
    private readonly List<NpgsqlDataSource> _pools = [];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var db = _database.CreateContext();
        db.Tenants.Add(new Tenant { Id = _tenant, Name = "Swept" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var bus in _buses)
        {
            await bus.DisposeAsync();
        }

        foreach (var pool in _pools)
        {
            await pool.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Announces_a_backlog_of_several_pages_in_one_pass()
    {
        var waiting = await StoreWaitingAsync(2 * UnannouncedReportSweeper.PageSize + 500, TimeSpan.FromMinutes(30));
        var (sweeper, published) = await SweeperAsync();

        var announced = await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        Assert.Equal(waiting.Count, announced);
        Assert.Equal(waiting.Order(), (await AnnouncedAsync(published)).Order());
    }

    [Fact]
    public async Task Leaves_out_reports_younger_than_the_threshold_and_those_already_classified()
    {
        var old = await StoreWaitingAsync(3, TimeSpan.FromMinutes(30));
        await StoreWaitingAsync(2, TimeSpan.FromSeconds(10));
        await StoreWaitingAsync(2, TimeSpan.FromMinutes(30), ReportStatus.Classified);
        var (sweeper, published) = await SweeperAsync();

        Assert.Equal(3, await sweeper.SweepAsync(OlderThan, CancellationToken.None));
        Assert.Equal(old.Order(), (await AnnouncedAsync(published)).Order());
    }

    [Fact]
    public async Task Goes_on_from_where_it_stopped_at_the_next_pass_instead_of_announcing_the_backlog_again()
    {
        await StoreWaitingAsync(1200, TimeSpan.FromMinutes(30));
        var (sweeper, published) = await SweeperAsync();
        await sweeper.SweepAsync(OlderThan, CancellationToken.None);
        var later = await StoreWaitingAsync(7, TimeSpan.FromMinutes(20));

        var announced = await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        Assert.Equal(7, announced);
        Assert.Equal(1207, (await AnnouncedAsync(published)).Count);
        Assert.Subset((await AnnouncedAsync(published)).ToHashSet(), later.ToHashSet());
    }

    [Fact]
    public async Task Announces_what_still_waits_again_when_none_of_it_was_classified_since_the_last_pass()
    {
        // The broker confirmed the announcements and lost them (a queue declared again after a restart).
        var waiting = await StoreWaitingAsync(5, TimeSpan.FromMinutes(30));
        var (sweeper, published) = await SweeperAsync();
        await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var whileWaiting = await sweeper.SweepAsync(OlderThan, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var onceStalled = await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        Assert.Equal(0, whileWaiting);
        Assert.Equal(waiting.Count, onceStalled);
        Assert.Equal(2 * waiting.Count, (await AnnouncedAsync(published)).Count);
    }

    [Fact]
    public async Task Does_not_announce_again_while_classification_makes_progress()
    {
        var waiting = await StoreWaitingAsync(10, TimeSpan.FromMinutes(30));
        var (sweeper, _) = await SweeperAsync();
        await sweeper.SweepAsync(OlderThan, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        await ClassifyAsync(waiting.Take(3));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var whileProgressing = await sweeper.SweepAsync(OlderThan, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));
        var onceStalled = await sweeper.SweepAsync(OlderThan, CancellationToken.None);

        Assert.Equal(0, whileProgressing);
        Assert.Equal(7, onceStalled);
    }

    [Fact]
    public async Task Waits_twice_as_long_before_each_further_announcement_of_a_backlog_that_does_not_move()
    {
        await StoreWaitingAsync(4, TimeSpan.FromMinutes(30));
        var (sweeper, _) = await SweeperAsync();
        List<int> announced = [];
        foreach (var minutes in new[] { 0, 1, 2, 1, 2, 2 })
        {
            _clock.Advance(TimeSpan.FromMinutes(minutes));
            announced.Add(await sweeper.SweepAsync(OlderThan, CancellationToken.None));
        }

        // At 0; at 3 after 2 minutes without progress; at 8, 4 minutes later, not at 6.
        Assert.Equal([4, 0, 4, 0, 0, 4], announced);
    }

    [Fact]
    public async Task Leaves_sweeping_to_one_replica_at_a_time_and_hands_over_when_it_stops()
    {
        var waiting = await StoreWaitingAsync(4, TimeSpan.FromMinutes(30));
        var (first, _) = await SweeperAsync();
        var (second, publishedBySecond) = await SweeperAsync();

        Assert.Equal(4, await first.SweepAsync(OlderThan, CancellationToken.None));
        Assert.Equal(0, await second.SweepAsync(OlderThan, CancellationToken.None));

        first.Dispose();

        Assert.Equal(4, await second.SweepAsync(OlderThan, CancellationToken.None));
        Assert.Equal(waiting.Order(), (await AnnouncedAsync(publishedBySecond)).Order());
    }

    private async Task<List<Guid>> StoreWaitingAsync(int count, TimeSpan age, ReportStatus status = ReportStatus.Received)
    {
        var now = _clock.GetUtcNow();
        var reports = Enumerable.Range(0, count).Select(i => new Report
        {
            TenantId = _tenant,
            ClientIp = IPAddress.Loopback,
            Helo = "mx.example.net",
            MailFrom = "",
            RcptTo = ["swept@in.backscatter.test"],
            // Several in the same microsecond too: the pages must not skip or repeat ties.
            ReceivedAt = now - age - TimeSpan.FromMilliseconds(i / 3),
            Size = 4,
            Sha256 = RawMessage.Sha256("test"u8),
            RawMessageCompressed = RawMessage.Compress("test"u8),
            Status = status,
        }).ToList();
        await using var db = _database.CreateContext();
        db.Reports.AddRange(reports);
        await db.SaveChangesAsync();
        return [.. reports.Select(r => r.Id)];
    }

    private async Task ClassifyAsync(IEnumerable<Guid> ids)
    {
        Guid[] classified = [.. ids];
        await using var db = _database.CreateContext();
        await db.Reports.Where(r => classified.Contains(r.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ReportStatus.Classified));
    }

    [Fact]
    public async Task Sweeps_as_soon_as_it_starts_and_the_bus_is_up_not_an_interval_later()
    {
        // A replica restarted after a crash: what the crash left unannounced goes out now.
        var waiting = await StoreWaitingAsync(4, TimeSpan.FromMinutes(30));
        var (sweeper, published) = await SweeperAsync();

        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            // The fake clock never reaches the first tick (a minute): only the pass at start can announce.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (published.Published.Select<ReportsReceived>().Count() == 0)
            {
                await Task.Delay(50, patience.Token);
            }

            Assert.Equal(waiting.Order(), (await AnnouncedAsync(published)).Order());
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    private async Task<(UnannouncedReportSweeper Sweeper, ITestHarness Published)> SweeperAsync()
    {
        var bus = new ServiceCollection()
            .AddMetrics()
            .AddMassTransitTestHarness(x => x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(500)))
            .BuildServiceProvider(true);
        _buses.Add(bus);
        var harness = bus.GetRequiredService<ITestHarness>();
        await harness.Start();
        // As the Ingest's own login, with its pool's settings (connections not reset on close).
        var pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionStringFor(HostLogin.Ingest)) { NoResetOnClose = true }.ConnectionString);
        _pools.Add(pool);
        var sweeper = new UnannouncedReportSweeper(
            pool,
            bus.GetRequiredService<IServiceScopeFactory>(),
            bus.GetRequiredService<IBusControl>(),
            _clock,
            new ConfigurationBuilder().Build(),
            new ClassificationMetrics(bus.GetRequiredService<IMeterFactory>()),
            NullLogger<UnannouncedReportSweeper>.Instance);
        return (sweeper, harness);
    }

    private static async Task<List<Guid>> AnnouncedAsync(ITestHarness harness)
    {
        await harness.InactivityTask;
        return [.. harness.Published.Select<ReportsReceived>().SelectMany(m => m.Context.Message.Reports.Select(r => r.ReportId))];
    }
}
