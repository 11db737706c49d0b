using System.Text.Json;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Cli;

/// <summary>The JSON shape of one classified message, as the classify verb writes it (one object per line).</summary>
internal static class ClassificationJson
{
    /// <param name="writer">Where the object goes.</param>
    /// <param name="file">The file the message came from.</param>
    /// <param name="result">The classification.</param>
    /// <param name="verdict">With <c>--tenant</c>: the verdict and its evidence.</param>
    /// <param name="reflector">With <c>--tenant</c>: the reflector, if one was found.</param>
    public static void Write(Utf8JsonWriter writer, string file, ClassificationResult result, Verdict? verdict = null, Reflector? reflector = null)
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

        if (verdict is not null)
        {
            writer.WriteString("verdict", verdict.Judgement.ToString().ToLowerInvariant());
            writer.WriteNumber("confidence", verdict.Confidence);
            writer.WriteStartArray("evidence");
            foreach (var evidence in verdict.Evidence)
            {
                writer.WriteStartObject();
                writer.WriteString("code", evidence.Code);
                writer.WriteNumber("weight", evidence.Weight);
                writer.WriteString("text", evidence.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (reflector is null)
            {
                writer.WriteNull("reflector");
            }
            else
            {
                writer.WriteStartObject("reflector");
                writer.WriteString("ip", reflector.Ip.ToString());
                writer.WriteString("host", reflector.Host);
                writer.WriteEndObject();
            }
        }

        if (result.Error is not null)
        {
            writer.WriteString("error", result.Error);
        }

        writer.WriteEndObject();
    }
}
