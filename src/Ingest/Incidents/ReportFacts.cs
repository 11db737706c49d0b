namespace Backscatter.Ingest.Incidents;

/// <summary>What the tracker reads of a report: when it came and what campaign it belongs to.</summary>
internal sealed record ReportFacts(Guid Id, DateTimeOffset ReceivedAt, string? OriginalSubject, string? BouncedTo);
