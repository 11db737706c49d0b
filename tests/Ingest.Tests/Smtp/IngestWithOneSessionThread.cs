namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host with one session thread, so that a second session at once is served asynchronously.</summary>
public class IngestWithOneSessionThread : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:SessionThreads"] = "1",
    };
}
