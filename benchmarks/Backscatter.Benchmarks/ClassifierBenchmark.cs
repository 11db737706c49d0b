using Backscatter.Domain.Classification;

using BenchmarkDotNet.Attributes;

namespace Backscatter.Benchmarks;

/// <summary>
/// Classifies every message of the shared corpus (bsd, dos, mac and not folders) once per operation.
/// Messages per second = corpus size / mean time; one thread, so it is the rate of one core.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmark
{
    private byte[][] _messages = [];

    public static int CorpusSize { get; private set; }

    [GlobalSetup]
    public void LoadCorpus()
    {
        var corpus = Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "sisimai", "maildir");
        _messages = Directory.EnumerateFiles(corpus, "*.eml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        CorpusSize = _messages.Length;
        Console.WriteLine($"// corpus: {_messages.Length} messages, {_messages.Sum(m => (long)m.Length)} bytes");
    }

    /// <summary>
    /// One message, classified as often as the corpus has messages per pass: what a load test that sends
    /// the same bounce over and over costs (scripts/bench-smtp.sh sends a padded lhost-postfix-04).
    /// </summary>
    public void LoadFile(string path)
    {
        var message = File.ReadAllBytes(path);
        _messages = Enumerable.Repeat(message, 600).ToArray();
        CorpusSize = _messages.Length;
        Console.WriteLine($"// {path}: {message.Length} bytes, {_messages.Length} times a pass");
    }

    /// <summary>The whole corpus, one message after the other; the result is the time for all of them.</summary>
    [Benchmark]
    public int ClassifyCorpus()
    {
        var recipients = 0;
        foreach (var message in _messages)
        {
            recipients += BounceClassifier.Classify(message).Recipients.Count;
        }

        return recipients;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backscatter.Cloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
