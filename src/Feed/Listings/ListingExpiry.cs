using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Ends the listings whose lifetime ran out (and, once at start, those the allowlist now covers), records
/// them in the history and announces them. Every feed node runs it; the per-address lock makes a second
/// node find nothing left to do.
/// </summary>
public sealed partial class ListingExpiry(
    ListingEvaluator evaluator,
    IBus bus,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ListingExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var allowlistChecked = false;
        using var timer = new PeriodicTimer(configuration.GetValue("DnsFeed:ExpiryInterval", TimeSpan.FromMinutes(1)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!allowlistChecked)
                {
                    await PublishAsync(await evaluator.WithdrawUnlistableAsync(stoppingToken), stoppingToken);
                    allowlistChecked = true;
                }

                await PublishAsync(await evaluator.ExpireDueAsync(stoppingToken), stoppingToken);
            }
#pragma warning disable CA1031 // The next tick tries again; the feed nodes' reconciliation applies expiries meanwhile.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    private async Task PublishAsync(IReadOnlyList<Domain.Contracts.ListingChanged> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            await bus.Publish(change, cancellationToken);
        }

        if (changes.Count > 0)
        {
            LogEnded(changes.Count);
        }
    }

    [LoggerMessage(LogLevel.Information, "{Count} listing(s) ended")]
    private partial void LogEnded(int count);

    [LoggerMessage(LogLevel.Warning, "Could not end the expired listings; trying again at the next tick")]
    private partial void LogFailed(Exception exception);
}
