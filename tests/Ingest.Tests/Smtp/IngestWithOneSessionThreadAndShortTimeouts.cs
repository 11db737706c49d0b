namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>One session thread, and two seconds for a silent client.</summary>
public sealed class IngestWithOneSessionThreadAndShortTimeouts : IngestWithOneSessionThread
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:CommandTimeout"] = "00:00:02",
        ["Smtp:DataTimeout"] = "00:00:02",
    };
}
