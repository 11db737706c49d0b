using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Tests;

/// <summary>The test feed with its UDP receive threads asking for a SCHED_DEADLINE reservation (docs/adr/0017).</summary>
public sealed class RunningDnsFeedUnderDeadline() : RunningDnsFeed(new DnsFeedOptions
{
    Port = 0,
    UdpReceiveLoops = 2,
    TcpIdleTimeout = TimeSpan.FromSeconds(2),
    UdpReceivePolicy = UdpReceivePolicy.Deadline,
    // Small on purpose: test processes run beside each other, and the kernel admits reservations only up to its limit.
    UdpReceiveRuntime = TimeSpan.FromMicroseconds(100),
    UdpReceivePeriod = TimeSpan.FromMilliseconds(1),
});
