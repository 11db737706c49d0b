using System.Text;

using Backscatter.Domain.Classification;
using Backscatter.Testing;

namespace Backscatter.Domain.Tests.Verdicts;

/// <summary>The real bounces of the shared corpus, classified once for all verdict scenarios.</summary>
internal static class CorpusBounces
{
    private static readonly Lazy<IReadOnlyDictionary<string, ClassificationResult>> All = new(() =>
        Directory.EnumerateFiles(SharedCorpus.PathOf("sisimai/maildir/bsd"), "*.eml")
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => BounceClassifier.Classify(File.ReadAllBytes(f))));

    public static ClassificationResult Get(string file) => All.Value[file];

    public static IEnumerable<string> Files => All.Value.Keys;

    /// <summary>Bounces whose original shows where it came from: a Received hop with an address.</summary>
    public static IEnumerable<string> WithOriginalReceivedChain =>
        All.Value.Where(kv => kv.Value.IsBackscatterCandidate && kv.Value.Kind != MessageKind.FeedbackReport
                && kv.Value.Original.Received.Any(h => h.FromIp is not null))
            .Select(kv => kv.Key);

    /// <summary>A corpus message with one header's value replaced (or the header added), classified.</summary>
    public static ClassificationResult WithHeader(string file, string header, string value)
    {
        var text = Read(file);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = text[..end];
        var lines = head.Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith(header + ":", StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            lines[at] = $"{header}: {value}";
            while (at + 1 < lines.Count && lines[at + 1].Length > 0 && char.IsWhiteSpace(lines[at + 1][0]))
            {
                lines.RemoveAt(at + 1);
            }
        }
        else
        {
            lines.Add($"{header}: {value}");
        }

        return BounceClassifier.Classify(Encoding.Latin1.GetBytes(string.Join('\n', lines) + text[end..]));
    }

    /// <summary>A corpus message with Received headers put on top, as the hops after the reflector add them.</summary>
    public static ClassificationResult WithReceivedOnTop(string file, params string[] received)
    {
        var raw = Read(file);
        return BounceClassifier.Classify(Encoding.Latin1.GetBytes(string.Concat(received.Select(r => r + "\n")) + StripReceived(raw)));
    }

    private static string Read(string file) =>
        File.ReadAllText(SharedCorpus.PathOf("sisimai/maildir/bsd/" + file), Encoding.Latin1).Replace("\r\n", "\n", StringComparison.Ordinal);

    // The corpus anonymised the reflectors' hops; scenarios write their own.
    private static string StripReceived(string raw)
    {
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in raw[..end].Split('\n'))
        {
            if (line.StartsWith("Received:", StringComparison.OrdinalIgnoreCase))
            {
                skipping = true;
                continue;
            }

            if (skipping && line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            skipping = false;
            kept.Add(line);
        }

        return string.Join('\n', kept) + raw[end..];
    }
}
