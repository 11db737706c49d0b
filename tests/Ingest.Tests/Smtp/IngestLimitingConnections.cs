namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host allowing two connections per client address.</summary>
public sealed class IngestLimitingConnections : RunningIngest
{
    public const int PerClient = 2;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:MaxConnectionsPerClient"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
