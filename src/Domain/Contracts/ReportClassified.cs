using System.Net;
using System.Text.Json.Serialization;

namespace Backscatter.Domain.Contracts;

/// <summary>A report was classified and judged; its reflector, if any, was counted. Travels in <see cref="ReportsClassified"/>.</summary>
public sealed record ReportClassified(
    Guid ReportId,
    Guid TenantId,
    string Kind,
    string Judgement,
    [property: JsonConverter(typeof(IPAddressJsonConverter))] IPAddress? ReflectorIp,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ClassifiedAt);
