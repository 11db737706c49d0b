using Backscatter.Ingest.Tests.Smtp;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>The Ingest host whose sweeper never passes on its own: a test sweeps when it wants to.</summary>
public sealed class IngestSweepingByHand : RunningIngest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Ingest:SweepInterval"] = "01:00:00",
    };
}
