using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Backscatter.Feed.Benchmarks;

/// <summary>Takes the aggregated metrics and drops them: the SDK's cost of counting, without a collector's.</summary>
internal sealed class DiscardingExporter : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
}
