using System.Collections.Concurrent;

using Backscatter.Domain.Contracts;

namespace Backscatter.Web.Live;

/// <summary>
/// Classified reports as they happen, for the circuits that show them. A subscriber names its
/// tenant and hears only that tenant's reports.
/// </summary>
public sealed partial class ReportFeed(ILogger<ReportFeed> logger)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public IDisposable Subscribe(Guid tenantId, Func<ReportClassified, Task> onClassified)
    {
        var subscription = new Subscription(this, tenantId, onClassified);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public async Task PublishAsync(ReportClassified classified)
    {
        ArgumentNullException.ThrowIfNull(classified);
        foreach (var subscription in _subscriptions.Keys.Where(s => s.TenantId == classified.TenantId))
        {
            try
            {
                await subscription.OnClassified(classified);
            }
#pragma warning disable CA1031 // One broken circuit must not keep the others from hearing about the report.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "A live subscriber failed to take a classified report")]
    private partial void LogSubscriberFailed(Exception ex);

    private sealed class Subscription(ReportFeed feed, Guid tenantId, Func<ReportClassified, Task> onClassified) : IDisposable
    {
        public Guid TenantId => tenantId;

        public Func<ReportClassified, Task> OnClassified => onClassified;

        public void Dispose() => feed._subscriptions.TryRemove(this, out _);
    }
}
