using System.Text.Json.Nodes;

namespace Backscatter.Domain.Alerts;

/// <summary>An alert as the JSON body of a generic webhook (see the README for the fields and the signature).</summary>
public static class WebhookPayload
{
    public static JsonObject For(AlertContent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = new JsonObject
        {
            ["id"] = alert.DeliveryId,
            ["type"] = alert.Type,
            ["createdAt"] = alert.CreatedAt,
            ["tenant"] = new JsonObject { ["id"] = alert.TenantId, ["name"] = alert.TenantName },
        };
        if (alert.IncidentId is { } id)
        {
            body["incident"] = new JsonObject
            {
                ["id"] = id,
                ["url"] = alert.IncidentUrl?.AbsoluteUri,
                ["severity"] = alert.Severity,
                ["reportCount"] = alert.ReportCount,
                ["windowCount"] = alert.WindowCount,
                ["peakWindowCount"] = alert.PeakWindowCount,
                ["threshold"] = alert.Threshold,
                ["windowSeconds"] = (int)alert.Window.TotalSeconds,
                ["openedAt"] = alert.OpenedAt,
                ["resolvedAt"] = alert.ResolvedAt,
                ["campaigns"] = new JsonArray([.. alert.Campaigns.Select(c => (JsonNode)new JsonObject
                {
                    ["subject"] = c.Subject,
                    ["senderPattern"] = c.SenderPattern,
                    ["count"] = c.Count,
                })]),
            };
        }

        return body;
    }
}
