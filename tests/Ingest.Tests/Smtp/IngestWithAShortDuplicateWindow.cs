namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host counting a copy as a duplicate only within two seconds of the first.</summary>
public sealed class IngestWithAShortDuplicateWindow : RunningIngest
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Ingest:DuplicateWindow"] = "00:00:02",
    };
}
