using Backscatter.Domain.Contracts;

using MassTransit;

namespace Backscatter.Web.Setup;

/// <summary>
/// Announces a verified ingest domain that stopped being its tenant's (<see cref="IngestDomainReleased"/>),
/// after the change is committed, so that every Ingest instance refuses mail to it at once.
/// </summary>
public sealed partial class IngestDomainReleases(IBus bus, ILogger<IngestDomainReleases> logger)
{
    /// <summary>How long a removal waits for the broker before it answers the member anyway.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    public async Task AnnounceAsync(IngestDomainReleased released, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(released);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await bus.Publish(released, timeout.Token);
        }
#pragma warning disable CA1031 // The release is committed and stays: the Ingest's cache expiry (a minute) is the backstop.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNotAnnounced(ex, released.Domain, released.Reason);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not announce that ingest domain {Domain} was released ({Reason}); Ingest instances refuse its mail once their cache expires, within a minute")]
    private partial void LogNotAnnounced(Exception exception, string domain, IngestDomainRelease reason);
}
