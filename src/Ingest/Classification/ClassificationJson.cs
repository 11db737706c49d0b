using System.Buffers;
using System.Text;
using System.Text.Json;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Mail;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// The JSON shape of one classified message: a line of the classify verb, and the <c>details</c>
/// jsonb column of a stored report (the same object without <c>file</c>).
/// </summary>
public static class ClassificationJson
{
    /// <param name="writer">Where the object goes.</param>
    /// <param name="file">The file the message came from, for the classify verb; null for a stored report.</param>
    /// <param name="result">The classification.</param>
    /// <param name="verdict">The verdict and its evidence, when a tenant configuration applied.</param>
    /// <param name="reflector">The reflector, if one was found.</param>
    public static void Write(Utf8JsonWriter writer, string? file, ClassificationResult result, Verdict? verdict = null, Reflector? reflector = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        if (file is not null)
        {
            writer.WriteString("file", file);
        }

        writer.WriteString("kind", result.Kind.ToString());
        writer.WriteString("subject", Clean(result.Subject));
        writer.WriteStartArray("recipients");
        foreach (var recipient in result.Recipients)
        {
            writer.WriteStartObject();
            writer.WriteString("address", Clean(recipient.Address));
            writer.WriteString("action", Clean(recipient.Action));
            writer.WriteString("status", Clean(recipient.Status));
            writer.WriteString("replyCode", Clean(recipient.ReplyCode));
            writer.WriteString("reason", recipient.Reason.ToName());
            writer.WriteBoolean("hardBounce", recipient.HardBounce);
            writer.WriteString("feedbackType", Clean(recipient.FeedbackType));
            writer.WriteString("remoteMta", Clean(recipient.RemoteMta));
            writer.WriteString("diagnostic", Clean(recipient.Diagnostic));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("bouncedTo", Clean(result.BouncedTo));
        writer.WriteString("reportingMta", Clean(result.ReportingMta));
        writer.WriteString("mtaSoftware", result.MtaSoftware.ToString().ToLowerInvariant());

        var original = result.Original;
        writer.WriteStartObject("original");
        writer.WriteString("from", Clean(original.From));
        writer.WriteString("envelopeSender", Clean(original.EnvelopeSender));
        writer.WriteString("to", Clean(original.To));
        writer.WriteString("subject", Clean(original.Subject));
        writer.WriteString("messageId", Clean(original.MessageId));
        writer.WriteString("date", original.Date?.ToString("O"));
        WriteHops(writer, "received", original.Received);
        writer.WriteStartArray("dkimDomains");
        foreach (var domain in original.DkimDomains)
        {
            writer.WriteStringValue(Clean(domain));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("dkimSignatures");
        foreach (var signature in original.DkimSignatures)
        {
            writer.WriteStartObject();
            writer.WriteString("domain", Clean(signature.Domain));
            writer.WriteString("selector", Clean(signature.Selector));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        WriteHops(writer, "bounceReceived", result.Received);

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
                writer.WriteString("text", Clean(evidence.Text));
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
                writer.WriteString("host", Clean(reflector.Host));
                writer.WriteString("reportingMta", Clean(reflector.ReportingMta));
                writer.WriteEndObject();
            }
        }

        if (result.Error is not null)
        {
            writer.WriteString("error", Clean(result.Error));
        }

        writer.WriteEndObject();
    }

    // One buffer and writer per thread: a stream and a writer per report, each growing its own buffer, cost more than writing.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? reusedBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? reusedWriter;

    /// <summary>The object as a string, for the <c>details</c> column of a stored report.</summary>
    public static string ToJson(ClassificationResult result, Verdict verdict, Reflector? reflector)
    {
        var buffer = reusedBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = reusedWriter ??= new Utf8JsonWriter(buffer);
        // Also clears what a write that threw left behind.
        writer.Reset(buffer);
        Write(writer, file: null, result, verdict, reflector);
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1024 * 1024)
        {
            // A huge report made it huge: it does not stay that size for the thread's life.
            reusedBuffer = null;
            reusedWriter = null;
        }

        return json;
    }

    private static void WriteHops(Utf8JsonWriter writer, string name, IReadOnlyList<ReceivedHop> hops)
    {
        writer.WriteStartArray(name);
        foreach (var hop in hops)
        {
            writer.WriteStartObject();
            writer.WriteString("from", Clean(hop.FromName));
            writer.WriteString("ip", hop.FromIp?.ToString());
            writer.WriteString("by", Clean(hop.ByName));
            writer.WriteString("time", hop.Time?.ToString("O"));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // PostgreSQL's jsonb refuses \u0000, and garbage mail has NULs anywhere.
    private static string? Clean(string? value) => PostgresText.Clean(value);
}
