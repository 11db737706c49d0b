using Backscatter.Domain.Classification;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>The corpus files without labels, the non-bounces, and the same bounces with other line endings.</summary>
public sealed class Classifying_the_rest_of_the_corpus
{
    // Non-bounces that the classifier still calls a bounce. One today: not/rb-issue-368-bug.eml is a real
    // "mailbox full" notice from a postmaster with a null sender, which the corpus files as not-a-bounce.
    private const int NonBouncesCalledBouncesCeiling = 1;

    // Bounces without labels: unlabeled bsd files, and the dos and mac files that have no bsd twin.
    public static TheoryData<string> UnlabeledBounces => LabeledCorpus.Theory(
        LabeledCorpus.FilesIn("bsd").Where(f => LabeledCorpus.Labels.All(l => l.File != f))
            .Concat(Variants().Where(f => !File.Exists(Path.Combine(LabeledCorpus.SisimaiRoot, TwinOf(f))))));

    public static TheoryData<string> LineEndingVariants => LabeledCorpus.Theory(
        Variants().Where(f => File.Exists(Path.Combine(LabeledCorpus.SisimaiRoot, TwinOf(f)))));

    public static TheoryData<string> NonBounces => LabeledCorpus.Theory(LabeledCorpus.FilesIn("not"));

    [Theory]
    [MemberData(nameof(UnlabeledBounces))]
    public void Recognises_every_unlabeled_bounce(string file)
    {
        var result = LabeledCorpus.Classify(file);

        Assert.Null(result.Error);
        Assert.True(result.IsBackscatterCandidate, $"{file} was classified as {result.Kind}");
        Assert.NotEmpty(result.Recipients);
    }

    [Theory]
    [MemberData(nameof(LineEndingVariants))]
    public void Gives_crlf_and_cr_copies_the_same_result_as_the_lf_original(string file)
    {
        var expected = LabeledCorpus.Classify(TwinOf(file));
        var actual = LabeledCorpus.Classify(file);

        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Recipients, actual.Recipients);
        Assert.Equal(expected.BouncedTo, actual.BouncedTo);
        Assert.Equal(expected.ReportingMta, actual.ReportingMta);
        Assert.Equal(expected.MtaSoftware, actual.MtaSoftware);
        Assert.Equal(expected.Original.MessageId, actual.Original.MessageId);
        Assert.Equal(expected.Original.Subject, actual.Original.Subject);
        Assert.Equal(expected.Original.Received.Select(h => h.Raw), actual.Original.Received.Select(h => h.Raw));
    }

    [Theory]
    [MemberData(nameof(NonBounces))]
    public void Reads_every_non_bounce_without_error(string file)
    {
        var result = LabeledCorpus.Classify(file);

        Assert.Null(result.Error);
        Assert.NotEqual(MessageKind.DeliveryStatusNotification, result.Kind);
    }

    private static IEnumerable<string> Variants() => LabeledCorpus.FilesIn("dos").Concat(LabeledCorpus.FilesIn("mac"));

    private static string TwinOf(string file) =>
        file.Replace("/dos/", "/bsd/", StringComparison.Ordinal).Replace("/mac/", "/bsd/", StringComparison.Ordinal);

    [Fact]
    public void Calls_no_more_non_bounces_bounces_than_before()
    {
        var calledBounces = LabeledCorpus.FilesIn("not").Where(f => LabeledCorpus.Classify(f).IsBounce).ToList();

        Assert.True(calledBounces.Count <= NonBouncesCalledBouncesCeiling, "called bounces: " + string.Join(", ", calledBounces));
    }
}
