using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Storage;

/// <summary>
/// Keeps storage bounded: raw messages go after <c>Retention:RawMessages</c> (default 30 days),
/// reports and reflector sightings after <c>Retention:Classification</c> (default 400 days).
/// Works in batches so that a large purge never holds long locks.
/// </summary>
public sealed partial class ReportRetention(
    IDbContextFactory<BackscatterDbContext> databases,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ReportRetention> logger) : BackgroundService
{
    private const int BatchSize = 5000;

    public TimeSpan RawMessages { get; } = configuration.GetValue("Retention:RawMessages", TimeSpan.FromDays(30));

    public TimeSpan Classification { get; } = configuration.GetValue("Retention:Classification", TimeSpan.FromDays(400));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Retention:Interval", TimeSpan.FromHours(1)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (raw, reports) = await PurgeAsync(stoppingToken);
                if (raw + reports > 0)
                {
                    LogPurged(raw, reports);
                }
            }
#pragma warning disable CA1031 // The next pass tries again.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    /// <returns>How many raw messages were dropped and how many reports deleted.</returns>
    public async Task<(int RawMessages, int Reports)> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rawBefore = now - RawMessages;
        var reportsBefore = now - Classification;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        int raw = 0, reports = 0, batch;
        do
        {
            batch = await db.Database.ExecuteSqlAsync(
                $"UPDATE reports SET raw_message = NULL WHERE id IN (SELECT id FROM reports WHERE received_at < {rawBefore} AND raw_message IS NOT NULL LIMIT {BatchSize})",
                cancellationToken);
            raw += batch;
        }
        while (batch == BatchSize);

        do
        {
            batch = await db.Database.ExecuteSqlAsync(
                $"DELETE FROM reports WHERE id IN (SELECT id FROM reports WHERE received_at < {reportsBefore} LIMIT {BatchSize})",
                cancellationToken);
            reports += batch;
        }
        while (batch == BatchSize);

        await db.Database.ExecuteSqlAsync($"DELETE FROM reflector_sightings WHERE last_seen < {reportsBefore}", cancellationToken);
        return (raw, reports);
    }

    [LoggerMessage(LogLevel.Information, "Retention: dropped {RawMessages} raw messages and {Reports} reports past their age")]
    private partial void LogPurged(int rawMessages, int reports);

    [LoggerMessage(LogLevel.Warning, "Retention pass failed; trying again at the next one")]
    private partial void LogFailed(Exception exception);
}
