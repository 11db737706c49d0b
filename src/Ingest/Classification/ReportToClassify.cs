using System.Net;

namespace Backscatter.Ingest.Classification;

/// <summary>A stored report still waiting for classification, as the batch consumer loads it.</summary>
internal sealed record ReportToClassify(Guid Id, Guid TenantId, IPAddress ClientIp, DateTimeOffset ReceivedAt, byte[]? RawMessageCompressed);
