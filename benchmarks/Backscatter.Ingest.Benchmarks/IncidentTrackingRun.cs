using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Incidents;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Backscatter.Ingest.Benchmarks;

/// <summary>
/// A wave of classified backscatter tracked the way the consumer does it: batches of 200 report
/// ids, several tracker instances (as several Ingest hosts) taking batches from one queue, each
/// batch one transaction under the tenant's row lock. Prints reports tracked per second.
/// </summary>
internal static class IncidentTrackingRun
{
    private const int BatchSize = 200;

    public static async Task RunAsync(int reportCount, int tenantCount, int instanceCount)
    {
        var database = new MigratedTestDatabase();
        await database.InitializeAsync();
        try
        {
            var tenants = Enumerable.Range(0, tenantCount).Select(_ => Guid.CreateVersion7()).ToArray();
            var batches = await StoreAsync(database, tenants, reportCount);
            var options = (DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>()
                .UseBackscatterDatabase(database.ConnectionString).Options;
            var trackers = Enumerable.Range(0, instanceCount)
                .Select(_ => new IncidentTracker(new PooledDbContextFactory<BackscatterDbContext>(options), new IncidentDetector(new IncidentOptions(), TimeProvider.System), TimeProvider.System))
                .ToArray();
            var queue = new ConcurrentQueue<(Guid Tenant, Guid[] Ids)>(batches);
            var events = new ConcurrentBag<object>();

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(trackers.Select(async tracker =>
            {
                while (queue.TryDequeue(out var batch))
                {
                    foreach (var e in await tracker.TrackAsync(batch.Tenant, batch.Ids, CancellationToken.None))
                    {
                        events.Add(e.Message);
                    }
                }
            }));
            clock.Stop();

            var opened = events.OfType<IncidentOpened>().Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{reportCount:N0} reports, {tenantCount} tenant(s), {instanceCount} tracker instance(s), batches of {BatchSize}: " +
                $"{clock.Elapsed.TotalSeconds:0.00} s = {reportCount / clock.Elapsed.TotalSeconds:N0} reports/s; " +
                $"{opened} incident(s) opened, {events.Count - opened} other event(s)"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<List<(Guid, Guid[])>> StoreAsync(TestDatabase database, Guid[] tenants, int reportCount)
    {
        var batches = new List<(Guid, Guid[])>();
        await using var db = database.CreateContext();
        db.Tenants.AddRange(tenants.Select(t => new Tenant { Id = t, Name = "Benchmark" }));
        await db.SaveChangesAsync();
        var perTenant = reportCount / tenants.Length;
        foreach (var tenant in tenants)
        {
            for (var done = 0; done < perTenant; done += BatchSize)
            {
                var reports = Enumerable.Range(done, Math.Min(BatchSize, perTenant - done)).Select(i => new Report
                {
                    TenantId = tenant,
                    ClientIp = IPAddress.Loopback,
                    Helo = "mx.example",
                    MailFrom = "",
                    RcptTo = ["benchmark@in.backscatter.test"],
                    ReceivedAt = DateTimeOffset.UtcNow,
                    Sha256 = new byte[32],
                    Status = ReportStatus.Classified,
                    Kind = MessageKind.DeliveryStatusNotification,
                    Judgement = Judgement.Backscatter,
                    OriginalSubject = $"Invoice {i % 7} due",
                    BouncedTo = $"u{i}@tenant{i % 3}.example",
                }).ToList();
                db.Reports.AddRange(reports);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                batches.Add((tenant, [.. reports.Select(r => r.Id)]));
            }
        }

        // Interleave the tenants, as the queue would.
        return [.. batches.OrderBy(b => b.Item2[0])];
    }
}
