using System.Diagnostics.Metrics;

using Backscatter.Feed.Dns;

using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Feed.Tests;

/// <summary>Metrics for a DNS server a test builds by hand, from a meter factory of its own (as the host's DI would give it).</summary>
internal static class TestMeters
{
    public static IMeterFactory NewFactory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static DnsMetrics NewDnsMetrics() => new(NewFactory());
}
