namespace Backscatter.Feed.Tests.Dns;

public class Scheduling_the_receive_threads(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    [Fact]
    public void Should_ask_for_a_short_slice_and_keep_normal_priority()
    {
        Assert.True(feed.Port > 0);
        var threads = Directory.GetDirectories("/proc/self/task")
            .Where(task => NameOf(task).StartsWith("dns-udp-", StringComparison.Ordinal))
            .Select(task => Scheduling(Path.Combine(task, "sched")))
            .ToList();
        var process = Scheduling("/proc/self/sched");

        Assert.True(threads.Count >= feed.Options.UdpReceiveLoops);
        Assert.All(threads, thread =>
        {
            Assert.Equal("0", thread["policy"]);
            Assert.Equal(process["prio"], thread["prio"]);
            Assert.Equal("100000", thread["se.slice"]);
        });
    }

    // Other tests' hosts start and end threads meanwhile: a thread that ended since the listing has no name.
    private static string NameOf(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm"));
        }
        catch (IOException)
        {
            return "";
        }
    }

    // The kernel's "name : value" lines of /proc/<pid>/task/<tid>/sched.
    private static Dictionary<string, string> Scheduling(string path) => File.ReadLines(path)
        .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
        .Where(parts => parts.Length == 2)
        .GroupBy(parts => parts[0])
        .ToDictionary(group => group.Key, group => group.First()[1]);
}
