namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host giving a silent client two seconds, in commands and in DATA.</summary>
public sealed class IngestWithShortTimeouts : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:CommandTimeout"] = "00:00:02",
        ["Smtp:DataTimeout"] = "00:00:02",
    };
}
