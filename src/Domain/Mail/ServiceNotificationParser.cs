using System.Text.Json;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Reads Amazon SES event notifications (bounce, complaint, delivery), bare or wrapped in an SNS
/// envelope whose "Message" field holds the event as a JSON string.
/// </summary>
public static class ServiceNotificationParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = true };

    public static ServiceNotification? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0 || !text.Contains("notificationType", StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.LastIndexOf('}');
        if (end <= start)
        {
            return null;
        }

        var json = text.Substring(start, end - start + 1);
        return TryRead(json) ?? TryRead(json.Replace("\n ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    // Mail transport may fold long JSON lines; the second attempt joins them again.
    private static ServiceNotification? TryRead(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(message.GetString() ?? string.Empty, Options);
                return Read(inner.RootElement);
            }

            return Read(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ServiceNotification? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || String(root, "notificationType") is not { } type)
        {
            return null;
        }

        var recipients = new List<DeliveryStatusRecipient>();
        string? feedbackType = null, reportingMta = null;
        switch (type.ToLowerInvariant())
        {
            case "bounce" when root.TryGetProperty("bounce", out var bounce):
                reportingMta = String(bounce, "reportingMTA");
                foreach (var r in Array(bounce, "bouncedRecipients"))
                {
                    var diagnostic = String(r, "diagnosticCode");
                    var semicolon = diagnostic?.IndexOf(';', StringComparison.Ordinal) ?? -1;
                    recipients.Add(new DeliveryStatusRecipient(
                        String(r, "emailAddress")?.ToLowerInvariant(), null, String(r, "action") ?? "failed", String(r, "status"), null,
                        semicolon is > 0 and < 10 ? diagnostic![..semicolon].Trim().ToUpperInvariant() : null,
                        semicolon is > 0 and < 10 ? diagnostic![(semicolon + 1)..].Trim() : diagnostic));
                }

                break;
            case "complaint" when root.TryGetProperty("complaint", out var complaint):
                feedbackType = String(complaint, "complaintFeedbackType") ?? "abuse";
                foreach (var r in Array(complaint, "complainedRecipients"))
                {
                    recipients.Add(new DeliveryStatusRecipient(String(r, "emailAddress")?.ToLowerInvariant(), null, null, null, null, null, null));
                }

                break;
            case "delivery" when root.TryGetProperty("delivery", out var delivery):
                reportingMta = String(delivery, "reportingMTA");
                var response = String(delivery, "smtpResponse");
                foreach (var r in Array(delivery, "recipients"))
                {
                    if (r.ValueKind == JsonValueKind.String)
                    {
                        recipients.Add(new DeliveryStatusRecipient(r.GetString()?.ToLowerInvariant(), null, "delivered", null, null, "SMTP", response));
                    }
                }

                break;
            default:
                break;
        }

        var headers = new List<MailHeader>();
        string? source = null;
        if (root.TryGetProperty("mail", out var mail) && mail.ValueKind == JsonValueKind.Object)
        {
            source = String(mail, "source");
            foreach (var header in Array(mail, "headers"))
            {
                if (String(header, "name") is { } name && String(header, "value") is { } value && headers.Count < HeaderBlock.MaxFields)
                {
                    headers.Add(new MailHeader(name, value));
                }
            }
        }

        recipients.RemoveAll(r => r.FinalRecipient is null);
        return new ServiceNotification(type, recipients, feedbackType, reportingMta?.Split(';')[^1].Trim(), source, new HeaderBlock(headers));
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Take(DeliveryStatusParser.MaxRecipients)
            : [];
}
