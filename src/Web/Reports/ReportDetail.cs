using System.Net;
using System.Text.Json;

using Backscatter.Domain.Reports;

namespace Backscatter.Web.Reports;

/// <summary>
/// A report as its detail page shows it: the stored columns, and what the <c>details</c> JSON holds
/// (written by the Ingest's classifier): evidence, per-recipient results, the original message and
/// both Received chains.
/// </summary>
public sealed record ReportDetail
{
    public required ReportRow Report { get; init; }

    public required IPAddress ClientIp { get; init; }

    public required string Helo { get; init; }

    public required string MailFrom { get; init; }

    public required IReadOnlyList<string> RcptTo { get; init; }

    public long Size { get; init; }

    public double? Confidence { get; init; }

    public string? ReportingMta { get; init; }

    public string? MtaSoftware { get; init; }

    public string? MessageId { get; init; }

    public string? Failure { get; init; }

    public bool HasRawMessage { get; init; }

    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    public IReadOnlyList<RecipientLine> Recipients { get; init; } = [];

    public OriginalSummary? Original { get; init; }

    /// <summary>The bounce's own Received headers, top (newest) first.</summary>
    public IReadOnlyList<Hop> BounceReceived { get; init; } = [];

    /// <summary>The headers of the message as received, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Reads the details JSON; missing or malformed parts are left empty rather than failing the page.</summary>
    public static ReportDetail From(Report report, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(report);
        var detail = new ReportDetail
        {
            Report = new ReportRow(
                report.Id, report.ReceivedAt, report.Status, report.Kind, report.Judgement, report.Reason,
                report.ReflectorIp, report.ReflectorHost, report.BouncedTo, report.OriginalSubject, report.DuplicateCount),
            ClientIp = report.ClientIp,
            Helo = report.Helo,
            MailFrom = report.MailFrom,
            RcptTo = report.RcptTo,
            Size = report.Size,
            Confidence = report.Confidence,
            ReportingMta = report.ReportingMta,
            MtaSoftware = report.MtaSoftware,
            MessageId = report.OriginalMessageId,
            Failure = report.Failure,
            HasRawMessage = report.RawMessageCompressed is not null,
            Headers = headers,
        };
        if (report.Details is null)
        {
            return detail;
        }

        try
        {
            using var json = JsonDocument.Parse(report.Details);
            var root = json.RootElement;
            return detail with
            {
                Evidence = [.. Array(root, "evidence").Select(e => new EvidenceItem(Text(e, "code") ?? "", e.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : 0, Text(e, "text") ?? ""))],
                Recipients = [.. Array(root, "recipients").Select(r => new RecipientLine(
                    Text(r, "address") ?? "", Text(r, "action"), Text(r, "status"), Text(r, "replyCode"), Text(r, "reason"),
                    r.TryGetProperty("hardBounce", out var h) && h.ValueKind == JsonValueKind.True, Text(r, "remoteMta"), Text(r, "diagnostic")))],
                Original = root.TryGetProperty("original", out var o) && o.ValueKind == JsonValueKind.Object
                    ? new OriginalSummary(
                        Text(o, "from"), Text(o, "envelopeSender"), Text(o, "to"), Text(o, "subject"), Text(o, "messageId"), Text(o, "date"),
                        Hops(o, "received"), [.. Array(o, "dkimDomains").Select(d => d.GetString() ?? "")])
                    : null,
                BounceReceived = Hops(root, "bounceReceived"),
            };
        }
        catch (JsonException)
        {
            return detail;
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Hop[] Hops(JsonElement element, string name) => [.. Array(element, name).Select(h => new Hop(
        Text(h, "from"),
        IPAddress.TryParse(Text(h, "ip"), out var ip) ? ip : null,
        Text(h, "by"),
        DateTimeOffset.TryParse(Text(h, "time"), System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null))];
}
