using System.Diagnostics;

using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Rebuilds the listing from its source on a timer, and at once when the source says it changed (a new
/// zone file), and swaps it in: expiries take effect, and a node that missed an update (or started while
/// the database was down) catches up by itself.
/// </summary>
public sealed partial class ListingReconciler(
    IListingSource source,
    ListingUpdates updates,
    IConfiguration configuration,
    TimeProvider clock,
    ListingMetrics metrics,
    ILogger<ListingReconciler> logger) : BackgroundService
{
    // A writer may still be writing when the first change notification arrives.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("DnsFeed:ReconcileInterval", TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            using (source.Watch()?.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), changed))
            {
                await Task.WhenAny(Task.Delay(interval, clock, wait.Token), changed.Task).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (changed.Task.IsCompleted)
            {
                await Task.Delay(SettleTime, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var mark = updates.Mark();
                var snapshot = updates.Replace(await source.LoadAsync(stoppingToken), mark);
                metrics.Reloaded(started);
                LogReconciled(snapshot.Count, snapshot.Serial);
            }
#pragma warning disable CA1031 // The listing in memory keeps answering; the next tick tries again.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                metrics.ReloadFailed(started, ex);
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Listing reconciled: {Count} addresses, serial {Serial}")]
    private partial void LogReconciled(int count, uint serial);

    [LoggerMessage(LogLevel.Warning, "Could not reconcile the listing; answering from the previous one")]
    private partial void LogFailed(Exception exception);
}
