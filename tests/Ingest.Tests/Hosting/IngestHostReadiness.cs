using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Hosting;

public sealed class IngestHostReadiness : HostReadinessSpecification<Program>
{
    protected override HostLogin Login => HostLogin.Ingest;

    // The SMTP listener takes any free port so that tests do not collide with a running ./run.sh.
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Smtp:Port"] = "0",
    };
}
