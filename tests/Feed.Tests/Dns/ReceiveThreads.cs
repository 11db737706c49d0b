namespace Backscatter.Feed.Tests.Dns;

/// <summary>What the kernel says about the scheduling of this test process's threads.</summary>
public static class ReceiveThreads
{
    /// <summary>The "name : value" lines of /proc/self/task/&lt;tid&gt;/sched.</summary>
    public static Dictionary<string, string> Scheduling(int threadId) => File.ReadLines($"/proc/self/task/{threadId}/sched")
        .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
        .Where(parts => parts.Length == 2)
        .GroupBy(parts => parts[0])
        .ToDictionary(group => group.Key, group => group.First()[1]);

    /// <summary>Whether this process may ask for real-time or deadline scheduling (CAP_SYS_NICE, bit 23 of CapEff).</summary>
    public static bool MaySetRealTimePolicies()
    {
        var effective = File.ReadLines("/proc/self/status").Single(line => line.StartsWith("CapEff:", StringComparison.Ordinal))[7..].Trim();
        return (ulong.Parse(effective, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << 23)) != 0;
    }
}
