using MassTransit;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Publishes the incident events whose publication after the commit failed or never happened (the
/// broker was down, the process died). Every instance may run it; row locks keep them apart.
/// </summary>
public sealed partial class IncidentOutboxSweeper(
    IncidentOutbox outbox,
    IBus bus,
    IOptions<IncidentTrackingOptions> options,
    TimeProvider clock,
    ILogger<IncidentOutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Full passes go on at once: a backlog after a long broker outage drains without waiting a tick per hundred.
                int published = 0, pass;
                do
                {
                    pass = await outbox.PublishLeftOverAsync(bus, options.Value.OutboxSweepAfter, stoppingToken);
                    published += pass;
                }
                while (pass == IncidentOutbox.MaxPerPass);

                if (published > 0)
                {
                    LogPublished(published);
                }
            }
#pragma warning disable CA1031 // The next pass tries again; the events are safe in the outbox.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Published {Count} incident events left in the outbox")]
    private partial void LogPublished(int count);

    [LoggerMessage(LogLevel.Warning, "Could not publish the incident events left in the outbox; trying again at the next pass")]
    private partial void LogFailed(Exception exception);
}
