using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;

using MassTransit;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Announces again the reports that have waited too long for classification — stored while the
/// broker was down, or lost with a crashed consumer. Classification is idempotent by report id,
/// so announcing one twice costs a little work and loses nothing.
/// </summary>
public sealed partial class UnannouncedReportSweeper(
    IDbContextFactory<BackscatterDbContext> databases,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<UnannouncedReportSweeper> logger) : BackgroundService
{
    private const int MaxPerPass = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Ingest:SweepInterval", TimeSpan.FromMinutes(1));
        var olderThan = configuration.GetValue("Ingest:SweepAfter", TimeSpan.FromMinutes(2));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await SweepAsync(olderThan, stoppingToken);
                if (swept > 0)
                {
                    LogSwept(swept);
                }
            }
#pragma warning disable CA1031 // The next pass tries again; the reports are safe in the database.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    public async Task<int> SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - olderThan;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Reports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Received && r.ReceivedAt < before)
            .OrderBy(r => r.ReceivedAt)
            .Take(MaxPerPass)
            .Select(r => new ReportReceived(r.Id, r.TenantId, r.ReceivedAt))
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().PublishBatch(ReportsReceived.For(waiting), cancellationToken);
        return waiting.Count;
    }

    [LoggerMessage(LogLevel.Information, "Announced {Count} reports again that were waiting for classification")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "Could not sweep unclassified reports; trying again at the next pass")]
    private partial void LogFailed(Exception exception);
}
