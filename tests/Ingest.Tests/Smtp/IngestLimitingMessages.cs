namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host allowing three messages a minute per client address.</summary>
public sealed class IngestLimitingMessages : RunningIngest
{
    public const int PerMinute = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:MaxMessagesPerMinutePerClient"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
