using System.Text.Json;

using Backscatter.Domain.Classification;

namespace Backscatter.Ingest.Cli;

/// <summary>The JSON shape of one classified message, as the classify verb writes it (one object per line).</summary>
internal static class ClassificationJson
{
    public static void Write(Utf8JsonWriter writer, string file, ClassificationResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("file", file);
        writer.WriteString("kind", result.Kind.ToString());
        writer.WriteStartArray("recipients");
        foreach (var recipient in result.Recipients)
        {
            writer.WriteStartObject();
            writer.WriteString("address", recipient.Address);
            writer.WriteString("action", recipient.Action);
            writer.WriteString("status", recipient.Status);
            writer.WriteString("replyCode", recipient.ReplyCode);
            writer.WriteString("reason", recipient.Reason.ToName());
            writer.WriteBoolean("hardBounce", recipient.HardBounce);
            writer.WriteString("feedbackType", recipient.FeedbackType);
            writer.WriteString("remoteMta", recipient.RemoteMta);
            writer.WriteString("diagnostic", recipient.Diagnostic);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("bouncedTo", result.BouncedTo);
        writer.WriteString("reportingMta", result.ReportingMta);
        writer.WriteString("mtaSoftware", result.MtaSoftware.ToString().ToLowerInvariant());

        var original = result.Original;
        writer.WriteStartObject("original");
        writer.WriteString("from", original.From);
        writer.WriteString("envelopeSender", original.EnvelopeSender);
        writer.WriteString("to", original.To);
        writer.WriteString("subject", original.Subject);
        writer.WriteString("messageId", original.MessageId);
        writer.WriteStartArray("received");
        foreach (var hop in original.Received)
        {
            writer.WriteStartObject();
            writer.WriteString("from", hop.FromName);
            writer.WriteString("ip", hop.FromIp?.ToString());
            writer.WriteString("by", hop.ByName);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("dkimDomains");
        foreach (var domain in original.DkimDomains)
        {
            writer.WriteStringValue(domain);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        if (result.Error is not null)
        {
            writer.WriteString("error", result.Error);
        }

        writer.WriteEndObject();
    }
}
