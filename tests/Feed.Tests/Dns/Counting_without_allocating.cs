using System.Diagnostics.Metrics;

using Backscatter.Feed.Dns;
using Backscatter.Testing;

namespace Backscatter.Feed.Tests.Dns;

/// <summary>The receive threads count every batch: with a listener attached (an exporter), that must not allocate.</summary>
public sealed class Counting_without_allocating : IDisposable
{
    private readonly IMeterFactory _meters = TestMeters.NewFactory();
    private readonly SummingListener _listener;

    public Counting_without_allocating() => _listener = new SummingListener(_meters);

    public void Dispose()
    {
        _listener.Dispose();
        (_meters as IDisposable)?.Dispose();
    }

    [Fact]
    public void Should_count_a_batch_of_answers_without_allocating()
    {
        var metrics = new DnsMetrics(_meters);
        var byAnswer = new int[DnsMetrics.AnswerKinds];
        byAnswer[(int)DnsAnswer.Listed] = 3;
        byAnswer[(int)DnsAnswer.NxDomain] = 12;
        byAnswer[(int)DnsAnswer.Refused] = 1;
        metrics.Answered(overTcp: false, byAnswer);
        metrics.Answered(overTcp: true, DnsAnswer.Listed);

        var allocated = ThreadAllocations.FewestBytes(1000, () =>
        {
            metrics.Answered(overTcp: false, byAnswer);
            metrics.Answered(overTcp: true, DnsAnswer.NxDomain);
        });

        Assert.Equal(0, allocated);
        Assert.Equal((1 + (ThreadAllocations.Windows * 1000)) * 17, _listener.Counted);
    }
}
