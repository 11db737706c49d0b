using System.Collections.Concurrent;

using Backscatter.Domain.Classification;
using Backscatter.Testing;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>
/// The Sisimai corpus and its labels (<c>labels.tsv</c>), each message classified once and shared by
/// all the tests that read it.
/// </summary>
internal static class LabeledCorpus
{
    private static readonly ConcurrentDictionary<string, ClassificationResult> Results = new(StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyList<Label>> AllLabels = new(ReadLabels);

    public static string SisimaiRoot => SharedCorpus.PathOf("sisimai");

    public static IReadOnlyList<Label> Labels => AllLabels.Value;

    /// <summary>Labeled files and their rows, in file order.</summary>
    public static IEnumerable<IGrouping<string, Label>> LabeledFiles => Labels.GroupBy(l => l.File);

    /// <summary>Paths under sisimai/ of every message in a maildir folder (bsd, dos, mac, not).</summary>
    public static IEnumerable<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(Path.Combine(SisimaiRoot, "maildir", folder), "*.eml")
            .Select(f => Path.GetRelativePath(SisimaiRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static ClassificationResult Classify(string file) =>
        Results.GetOrAdd(file, f => BounceClassifier.Classify(File.ReadAllBytes(Path.Combine(SisimaiRoot, f))));

    public static TheoryData<string> Theory(IEnumerable<string> files)
    {
        var data = new TheoryData<string>();
        foreach (var file in files)
        {
            data.Add(file);
        }

        return data;
    }

    private static List<Label> ReadLabels()
    {
        var labels = new List<Label>();
        foreach (var line in File.ReadLines(Path.Combine(SisimaiRoot, "labels.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length < 7)
            {
                continue;
            }

            labels.Add(new Label(
                columns[0],
                int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture),
                columns[2].Length == 0 ? null : columns[2],
                columns[3].Length == 0 ? null : columns[3],
                columns[4],
                columns[5] == "true",
                columns[6].Length == 0 ? null : columns[6]));
        }

        return labels;
    }

    /// <summary>One row of labels.tsv: the expected result for one recipient of one file.</summary>
    internal sealed record Label(string File, int Index, string? Status, string? ReplyCode, string Reason, bool HardBounce, string? FeedbackType);
}
