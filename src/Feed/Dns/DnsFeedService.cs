using System.Diagnostics;

using Backscatter.Feed.Listings;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backscatter.Feed.Dns;

/// <summary>Loads the listing, then serves it over DNS for the life of the host.</summary>
public sealed partial class DnsFeedService(
    IOptions<DnsFeedOptions> options,
    ActiveListing listing,
    ListingUpdates updates,
    IListingSource source,
    DnsMetrics metrics,
    ListingMetrics listingMetrics,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<DnsFeedService>();

    /// <summary>The running server, once started; its <see cref="DnsServer.Port"/> is the port actually bound.</summary>
    public DnsServer? Server { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var mark = updates.Mark();
            var snapshot = updates.Replace(await source.LoadAsync(cancellationToken).ConfigureAwait(false), mark);
            listingMetrics.Reloaded(started);
            LogLoaded(_logger, snapshot.Count, snapshot.Serial, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not IOException and not FormatException)
        {
            // The database may be down at start: serve the test points now, the reconciler catches up.
            listingMetrics.ReloadFailed(started, ex);
            LogLoadFailed(_logger, ex);
        }

        var server = new DnsServer(options.Value, listing, metrics, loggers.CreateLogger<DnsServer>());
        server.Start();
        Server = server;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Server is { } server)
        {
            Server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the listing at start; serving an empty one until the next reconciliation")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} listed addresses, serial {Serial}, in {Milliseconds:0} ms")]
    private static partial void LogLoaded(ILogger logger, int count, uint serial, double milliseconds);
}
