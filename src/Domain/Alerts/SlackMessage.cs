using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Backscatter.Domain.Alerts;

/// <summary>
/// An alert as a Slack incoming-webhook payload: <c>text</c> (the notification and fallback) plus
/// Block Kit <c>blocks</c> — a header, a section with the counts as fields, the top campaigns and a
/// button linking to the incident — within Slack's documented limits.
/// </summary>
public static class SlackMessage
{
    // Slack's limits: header text 150, section text 3000, a field 2000 and at most 10 fields, button text 75, URL 3000.
    private const int HeaderLimit = 150;
    private const int SectionLimit = 3000;
    private const int ButtonLimit = 75;
    private const int UrlLimit = 3000;
    private const int CampaignsShown = 5;

    public static JsonObject For(AlertContent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(Limit(Title(alert), HeaderLimit)),
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown(Limit(Summary(alert), SectionLimit)),
                ["fields"] = new JsonArray([.. Fields(alert).Select(f => (JsonNode)Markdown($"*{f.Name}*\n{f.Value}"))]),
            },
        };
        if (alert.Campaigns.Count > 0)
        {
            var lines = alert.Campaigns.Take(CampaignsShown).Select(c =>
                $"• {Escape(c.Subject)} — from {Escape(c.SenderPattern)}: {Number(c.Count)}");
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown(Limit("*Top campaigns*\n" + string.Join('\n', lines), SectionLimit)),
            });
        }

        if (alert.IncidentUrl is { } url && url.AbsoluteUri.Length <= UrlLimit)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = PlainText(Limit("Open the incident", ButtonLimit)),
                    ["url"] = url.AbsoluteUri,
                }),
            });
        }

        var text = $"{Escape(Title(alert))}: {Escape(Summary(alert))}";
        if (alert.IncidentUrl is { } link)
        {
            text += $" <{link.AbsoluteUri}|Open the incident>";
        }

        return new JsonObject { ["text"] = Limit(text, SectionLimit), ["blocks"] = blocks };
    }

    private static string Title(AlertContent alert) => alert.Event switch
    {
        AlertEvent.IncidentOpened => $"Backscatter incident opened at {alert.TenantName}",
        AlertEvent.IncidentEscalated => $"Backscatter incident escalated to severity {alert.Severity} at {alert.TenantName}",
        AlertEvent.IncidentResolved => $"Backscatter incident resolved at {alert.TenantName}",
        _ => $"Test alert from Backscatter.Cloud for {alert.TenantName}",
    };

    private static string Summary(AlertContent alert)
    {
        var minutes = alert.Window.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
        return alert.Event switch
        {
            AlertEvent.IncidentOpened => $"{Number(alert.WindowCount)} backscatter messages in {minutes} minutes (threshold {Number(alert.Threshold)}): mail servers are bouncing mail forged in your name.",
            AlertEvent.IncidentEscalated => $"{Number(alert.WindowCount)} backscatter messages in {minutes} minutes, {Number(alert.ReportCount)} since the incident opened.",
            AlertEvent.IncidentResolved => $"Quiet again after {Number(alert.ReportCount)} backscatter messages; the peak was {Number(alert.PeakWindowCount)} in {minutes} minutes.",
            _ => "This channel receives Backscatter.Cloud alerts.",
        };
    }

    private static IEnumerable<(string Name, string Value)> Fields(AlertContent alert)
    {
        if (alert.Event == AlertEvent.Test)
        {
            yield return ("Sent", alert.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            yield break;
        }

        yield return ("Severity", Number(alert.Severity));
        yield return ("Reports", Number(alert.ReportCount));
        yield return ("Last window", Number(alert.WindowCount));
        yield return ("Peak window", Number(alert.PeakWindowCount));
        yield return ("Threshold", Number(alert.Threshold));
        if (alert.OpenedAt is { } opened)
        {
            yield return ("Opened", opened.ToString("u", CultureInfo.InvariantCulture));
        }

        if (alert.ResolvedAt is { } resolved)
        {
            yield return ("Resolved", resolved.ToString("u", CultureInfo.InvariantCulture));
        }
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Slack's three control characters; subjects and senders come from spammers and must not make links or mentions.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => char.IsControl(c) ? " " : c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
