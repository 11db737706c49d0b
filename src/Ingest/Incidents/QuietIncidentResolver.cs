using MassTransit;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Resolves incidents that went quiet: when the backscatter stops, no report arrives to move the
/// window, so a timer does. Every instance may run it; the tenant's row lock makes the second one a
/// no-op. Also forgets tracked report ids once no redelivery can come.
/// </summary>
public sealed partial class QuietIncidentResolver(
    IncidentTracker tracker,
    IncidentOutbox outbox,
    IBus bus,
    IOptions<IncidentTrackingOptions> options,
    TimeProvider clock,
    ILogger<QuietIncidentResolver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ResolveInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ResolveQuietIncidentsAsync(stoppingToken);
                await tracker.ForgetTrackedReportsAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The next round tries again; nothing is lost by waiting.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    public async Task<int> ResolveQuietIncidentsAsync(CancellationToken cancellationToken)
    {
        var resolved = 0;
        foreach (var tenant in await tracker.TenantsWithOpenIncidentsAsync(cancellationToken))
        {
            var events = await tracker.TickAsync(tenant, cancellationToken);
            await outbox.PublishAsync(bus, events, cancellationToken);
            resolved += events.Count;
        }

        return resolved;
    }

    [LoggerMessage(LogLevel.Warning, "Could not resolve quiet incidents; trying again at the next round")]
    private partial void LogFailed(Exception exception);
}
