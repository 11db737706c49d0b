namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host running its SMTP sessions on the runtime's asynchronous sockets instead of session loops.</summary>
public sealed class IngestOnRuntimeSockets : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Smtp:SessionLoops"] = "0",
    };
}
