using System.Net;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// A stored report still waiting for classification, as the batch consumer loads it: with its raw
/// message as this process held it since acceptance (<paramref name="Raw"/>), or else compressed, as stored.
/// </summary>
internal sealed record ReportToClassify(Guid Id, Guid TenantId, IPAddress ClientIp, DateTimeOffset ReceivedAt, byte[]? RawMessageCompressed, byte[]? Raw = null);
