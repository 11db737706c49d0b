using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Hosting;

public sealed class IngestHostReadiness : HostReadinessSpecification<Program>
{
}
