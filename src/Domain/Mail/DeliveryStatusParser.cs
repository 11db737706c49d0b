using System.Text;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Reads the fields of a message/delivery-status body (RFC 3464 section 2). Tolerant: field groups
/// may be separated by blank lines or not at all, as some MTAs write them; a new Final-Recipient
/// always starts a new recipient.
/// </summary>
public static class DeliveryStatusParser
{
    public const int MaxRecipients = 500;

    public static DeliveryStatusReport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = ReadFields(text);

        string? reportingMta = null, receivedFrom = null, envelopeSender = null;
        var recipients = new List<DeliveryStatusRecipient>();
        Dictionary<string, string>? current = null;

        foreach (var (name, value) in fields)
        {
            var key = name.ToLowerInvariant();
            switch (key)
            {
                case "reporting-mta":
                    reportingMta ??= Typed(value);
                    continue;
                case "received-from-mta":
                    receivedFrom ??= Typed(value);
                    continue;
                case "x-postfix-sender":
                case "x-original-envelope-from":
                case "x-actual-sender":
                    envelopeSender ??= Typed(value).Trim('<', '>');
                    continue;
                default:
                    break;
            }

            var startsRecipient = key is "final-recipient" or "original-recipient";
            // Some MTAs (Facebook's) write Status and Diagnostic-Code before Final-Recipient.
            var perRecipient = startsRecipient || key is "action" or "status" or "diagnostic-code" or "remote-mta" or "last-attempt-date";
            // A field seen twice means the next recipient's group began without a blank line.
            if (startsRecipient && current is not null && current.ContainsKey(key))
            {
                Flush(current, recipients);
                current = null;
            }

            if (perRecipient || current is not null)
            {
                current ??= new Dictionary<string, string>(StringComparer.Ordinal);
                current.TryAdd(key, value);
            }
        }

        if (current is not null)
        {
            Flush(current, recipients);
        }

        return new DeliveryStatusReport(reportingMta, receivedFrom, envelopeSender, recipients);
    }

    private static void Flush(Dictionary<string, string> group, List<DeliveryStatusRecipient> recipients)
    {
        if (recipients.Count >= MaxRecipients)
        {
            return;
        }

        var final = Address(group.GetValueOrDefault("final-recipient"));
        var original = Address(group.GetValueOrDefault("original-recipient"));
        if (final is null && original is null)
        {
            return;
        }

        string? diagnosticType = null, diagnosticCode = null;
        if (group.TryGetValue("diagnostic-code", out var diagnostic))
        {
            var semicolon = diagnostic.IndexOf(';', StringComparison.Ordinal);
            if (semicolon > 0 && semicolon < 20 && !diagnostic[..semicolon].Contains(' ', StringComparison.Ordinal))
            {
                diagnosticType = diagnostic[..semicolon].Trim().ToUpperInvariant();
                diagnosticCode = diagnostic[(semicolon + 1)..].Trim();
            }
            else
            {
                diagnosticCode = diagnostic.Trim();
            }
        }

        // "Status: 5.2.1 (mailbox disabled, not accepting messages)": the comment is the reporting MTA's reading of the failure.
        var statusField = group.GetValueOrDefault("status");
        var open = statusField?.IndexOf('(', StringComparison.Ordinal) ?? -1;
        if (open > 0 && statusField![(open + 1)..].TrimEnd().TrimEnd(')').Trim() is { Length: > 3 } comment
            && diagnosticCode?.Contains(comment, StringComparison.OrdinalIgnoreCase) != true)
        {
            diagnosticCode = string.IsNullOrEmpty(diagnosticCode) ? comment : diagnosticCode + " (" + comment + ")";
        }

        recipients.Add(new DeliveryStatusRecipient(
            FinalRecipient: final,
            OriginalRecipient: original,
            Action: group.GetValueOrDefault("action")?.Trim().ToLowerInvariant() is { Length: > 0 } action ? FirstWord(action) : null,
            Status: group.GetValueOrDefault("status")?.Trim() is { Length: > 0 } status ? FirstWord(status) : null,
            RemoteMta: group.TryGetValue("remote-mta", out var remote) ? Typed(remote) : null,
            DiagnosticType: diagnosticType,
            DiagnosticCode: string.IsNullOrEmpty(diagnosticCode) ? null : diagnosticCode));
    }

    private static string FirstWord(string value)
    {
        var end = value.AsSpan().IndexOfAny(' ', '\t', '(');
        return end > 0 ? value[..end] : value;
    }

    /// <summary>Drops the "type;" prefix of typed fields such as "dns; mx.example.com".</summary>
    private static string Typed(string value)
    {
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
    }

    private static string? Address(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var address = Typed(value).Trim().Trim('<', '>', '"', ' ').ToLowerInvariant();
        var space = address.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            address = address[..space].TrimEnd('>');
        }

        return address.Contains('@', StringComparison.Ordinal) ? address : null;
    }

    private static List<(string Name, string Value)> ReadFields(string text)
    {
        var fields = new List<(string, string)>();
        string? name = null;
        var value = new StringBuilder();
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            // A forwarded bounce quotes the report with "> ".
            var line = rawLine.StartsWith(">") ? rawLine[1..].TrimStart(' ') : rawLine;
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if ((line[0] == ' ' || line[0] == '\t') && name is not null)
            {
                value.Append(' ').Append(line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].IndexOfAny(' ', '\t') < 0)
            {
                if (name is not null)
                {
                    fields.Add((name, value.ToString()));
                }

                name = line[..colon].ToString();
                value.Clear().Append(line[(colon + 1)..].Trim());
            }
        }

        if (name is not null)
        {
            fields.Add((name, value.ToString()));
        }

        return fields;
    }
}
