using Backscatter.Domain.Classification;
using Backscatter.Testing;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>
/// Mail the corpus lacks, written after real messages: auto-replies from the big providers and in
/// several languages, challenge-response systems, virus notices, non-English bounces.
/// Expected results are in Fixtures/expectations.tsv.
/// </summary>
public sealed class Classifying_our_own_fixtures
{
    private static string FixturesRoot => Path.Combine(SharedCorpus.RepositoryRoot, "tests", "Domain.Tests", "Fixtures");

    public static TheoryData<string, string, string, string> Expectations
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            foreach (var line in File.ReadLines(Path.Combine(FixturesRoot, "expectations.tsv")).Skip(1))
            {
                var columns = line.Split('\t');
                if (columns.Length == 4)
                {
                    data.Add(columns[0], columns[1], columns[2], columns[3]);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Tells_the_kind_who_answered_and_why(string file, string kind, string recipient, string reason)
    {
        var result = BounceClassifier.Classify(File.ReadAllBytes(Path.Combine(FixturesRoot, file)));

        Assert.Null(result.Error);
        Assert.Equal(kind, result.Kind.ToString());
        var only = Assert.Single(result.Recipients);
        Assert.Equal(recipient, only.Address);
        Assert.Equal(reason, only.Reason.ToName());
    }

    [Fact]
    public void Has_an_expectation_for_every_fixture()
    {
        var expected = Expectations.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(FixturesRoot, "*.eml").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(files.Order(), expected.Order());
    }
}
