namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host running its SMTP sessions on two loops: the first accepts and deals connections out in turn.</summary>
public sealed class IngestOnTwoSessionLoops : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:SessionLoops"] = "2",
    };
}
