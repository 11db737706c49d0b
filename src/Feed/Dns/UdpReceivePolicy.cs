namespace Backscatter.Feed.Dns;

/// <summary>How Linux schedules the UDP receive threads (<c>DnsFeed:UdpReceivePolicy</c>, docs/adr/0017).</summary>
public enum UdpReceivePolicy
{
    /// <summary>The normal policy and priority, with the short slice of <see cref="DnsFeedOptions.UdpReceiveSlice"/>.</summary>
    Fair,

    /// <summary>
    /// <c>SCHED_DEADLINE</c>: each thread runs as soon as a query wakes it, ahead of every normal thread,
    /// but within a reservation of <see cref="DnsFeedOptions.UdpReceiveRuntime"/> per
    /// <see cref="DnsFeedOptions.UdpReceivePeriod"/> that the kernel enforces, so a query flood cannot take
    /// more than that share of a CPU per thread. Needs CAP_SYS_NICE; without it the threads stay <see cref="Fair"/>.
    /// </summary>
    Deadline,
}
