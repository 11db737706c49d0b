using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>
/// Closes every tenant's past days in the background (<c>Portal:DayClosingInterval</c>, hourly), so
/// that the first overview after a long pause reads rollups instead of counting up to
/// <see cref="ReportDayRollups.MaxDays"/> days of reports while its member waits. Renders still close
/// what is left; both may run at once, on any number of replicas.
/// </summary>
public sealed partial class ReportDayCloser(
    IDbContextFactory<BackscatterDbContext> databases,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<ReportDayCloser> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Portal:DayClosingInterval", TimeSpan.FromHours(1)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CloseDueDaysAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The next pass tries again, and renders close what they need meanwhile.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    /// <summary>One pass: for each tenant with reports in the overview's longest period, the days it can close.</summary>
    /// <returns>How many tenants were looked at.</returns>
    public async Task<int> CloseDueDaysAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lastDay = ReportDayRollups.LastClosableDay(now);
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - ReportDayRollups.MaxDays);
        if (lastDay < firstDay)
        {
            return 0;
        }

        List<Guid> tenants;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            tenants = await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
        }

        foreach (var tenant in tenants)
        {
            // One tenant at a time, each in its own short statement: the pass never holds up the portal.
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            await ReportDayRollups.CloseAsync(db, tenant, firstDay, lastDay, cancellationToken);
        }

        return tenants.Count;
    }

    [LoggerMessage(LogLevel.Warning, "Could not close past days into the overview's rollups; trying again at the next pass")]
    private partial void LogFailed(Exception exception);
}
