using Backscatter.Domain.Contracts;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// The reports of one delivered batch as the database has them: those still waiting to be classified,
/// and those an earlier delivery already classified, as their announcement said.
/// </summary>
internal sealed record ReportBatch(IReadOnlyList<ReportToClassify> Waiting, IReadOnlyList<ReportClassified> ClassifiedBefore);
