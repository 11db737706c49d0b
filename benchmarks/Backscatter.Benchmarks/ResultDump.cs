using System.Text.Json;
using System.Text.Json.Serialization;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;

namespace Backscatter.Benchmarks;

/// <summary>
/// Writes the whole result of every message under the given folders, one JSON line each, in file
/// name order: a speed change must leave this output identical, whatever the tests happen to check.
/// </summary>
internal static class ResultDump
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter(), new IPAddressJsonConverter() } };

    public static void Write(IEnumerable<string> folders, TextWriter output)
    {
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var result = BounceClassifier.Classify(File.ReadAllBytes(file));
            output.WriteLine(file + "\t" + JsonSerializer.Serialize(result, Options));
        }
    }
}
