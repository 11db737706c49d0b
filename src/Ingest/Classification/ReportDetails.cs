using System.Text;
using System.Text.Json;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Mail;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// The stored details of a classified report (the <c>details</c> jsonb column): per-recipient
/// results, the original's headers and Received chain, the bounce's own chain, and the evidence.
/// </summary>
public static class ReportDetails
{
    public static string ToJson(ClassificationResult result, Verdict verdict, Reflector? reflector)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(verdict);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", Clean(result.Kind.ToString()));
            json.WriteString("subject", Clean(result.Subject));
            json.WriteStartArray("recipients");
            foreach (var r in result.Recipients)
            {
                json.WriteStartObject();
                json.WriteString("address", Clean(r.Address));
                json.WriteString("action", Clean(r.Action));
                json.WriteString("status", Clean(r.Status));
                json.WriteString("replyCode", Clean(r.ReplyCode));
                json.WriteString("reason", Clean(r.Reason.ToName()));
                json.WriteBoolean("hardBounce", r.HardBounce);
                json.WriteString("feedbackType", Clean(r.FeedbackType));
                json.WriteString("remoteMta", Clean(r.RemoteMta));
                json.WriteString("diagnostic", Clean(r.Diagnostic));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("original");
            json.WriteString("from", Clean(result.Original.From));
            json.WriteString("envelopeSender", Clean(result.Original.EnvelopeSender));
            json.WriteString("to", Clean(result.Original.To));
            json.WriteString("subject", Clean(result.Original.Subject));
            json.WriteString("messageId", Clean(result.Original.MessageId));
            json.WriteString("date", Clean(result.Original.Date?.ToString("O")));
            WriteHops(json, "received", result.Original.Received);
            json.WriteStartArray("dkim");
            foreach (var signature in result.Original.DkimSignatures)
            {
                json.WriteStartObject();
                json.WriteString("domain", Clean(signature.Domain));
                json.WriteString("selector", Clean(signature.Selector));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            WriteHops(json, "bounceReceived", result.Received);
            json.WriteStartObject("verdict");
            json.WriteString("judgement", Clean(verdict.Judgement.ToString()));
            json.WriteNumber("confidence", verdict.Confidence);
            json.WriteStartArray("evidence");
            foreach (var e in verdict.Evidence)
            {
                json.WriteStartObject();
                json.WriteString("code", Clean(e.Code));
                json.WriteNumber("weight", e.Weight);
                json.WriteString("text", Clean(e.Text));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (reflector is not null)
            {
                json.WriteStartObject("reflector");
                json.WriteString("ip", Clean(reflector.Ip.ToString()));
                json.WriteString("host", Clean(reflector.Host));
                json.WriteString("reportingMta", Clean(reflector.ReportingMta));
                json.WriteEndObject();
            }

            if (result.Error is not null)
            {
                json.WriteString("error", Clean(result.Error));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // PostgreSQL's jsonb refuses \u0000, and garbage mail has NULs anywhere.
    private static string? Clean(string? value) => PostgresText.Clean(value);

    private static void WriteHops(Utf8JsonWriter json, string name, IReadOnlyList<ReceivedHop> hops)
    {
        json.WriteStartArray(name);
        foreach (var hop in hops)
        {
            json.WriteStartObject();
            json.WriteString("from", Clean(hop.FromName));
            json.WriteString("ip", Clean(hop.FromIp?.ToString()));
            json.WriteString("by", Clean(hop.ByName));
            json.WriteString("time", Clean(hop.Time?.ToString("O")));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
