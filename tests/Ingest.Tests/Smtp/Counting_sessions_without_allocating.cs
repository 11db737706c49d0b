using System.Diagnostics;
using System.Diagnostics.Metrics;

using Backscatter.Ingest.Smtp;
using Backscatter.Testing;

using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>Sessions count every session, refusal and message: with a listener attached (an exporter), that must not allocate.</summary>
public sealed class Counting_sessions_without_allocating : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SummingListener _listener;

    public Counting_sessions_without_allocating() => _listener = new SummingListener(_services.GetRequiredService<IMeterFactory>());

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Should_count_sessions_refusals_and_accepted_messages_without_allocating()
    {
        var metrics = new SmtpMetrics(_services.GetRequiredService<IMeterFactory>());
        var dataEnded = Stopwatch.GetTimestamp();
        metrics.SessionOpened();
        metrics.Refused(SmtpRefusal.UnknownRecipient);
        metrics.MessageAccepted(dataEnded);

        var allocated = ThreadAllocations.FewestBytes(1000, () =>
        {
            metrics.SessionOpened();
            metrics.Refused(SmtpRefusal.UnknownRecipient);
            metrics.Refused(SmtpRefusal.ClientRate);
            metrics.MessageAccepted(dataEnded);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3 + (4 * ThreadAllocations.Windows * 1000), _listener.Counted);
        Assert.True(_listener.Measured > 0);
    }
}
