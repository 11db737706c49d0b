using Backscatter.Domain.Classification;

using Xunit.Abstractions;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>The Sisimai corpus, row by row against labels.tsv, and the agreement ratchet.</summary>
public sealed class Classifying_the_labeled_corpus(ITestOutputHelper output)
{
    // The agreement the classifier reached when these floors were set; raise them when it improves, never lower them.
    private const double ReasonFloor = 98.5;
    private const double StatusFloor = 98.0;
    private const double ReplyCodeFloor = 97.4;
    private const double HardBounceFloor = 99.1;
    private const double RecipientCountFloor = 99.7;

    public static TheoryData<string> LabeledFiles => LabeledCorpus.Theory(LabeledCorpus.LabeledFiles.Select(g => g.Key));

    public static TheoryData<string, int> LabeledRows
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var label in LabeledCorpus.Labels)
            {
                data.Add(label.File, label.Index);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LabeledFiles))]
    public void Recognises_every_labeled_file_as_mail_that_answers_a_message(string file)
    {
        var result = LabeledCorpus.Classify(file);

        Assert.Null(result.Error);
        Assert.True(result.IsBackscatterCandidate, $"{file} was classified as {result.Kind}");
        Assert.NotEmpty(result.Recipients);
    }

    [Theory]
    [MemberData(nameof(LabeledRows))]
    public void Reports_a_reason_and_a_wellformed_status_for_every_labeled_recipient(string file, int index)
    {
        var recipients = LabeledCorpus.Classify(file).Recipients;
        var label = LabeledCorpus.Labels.Single(l => l.File == file && l.Index == index);
        if (label.Reason is "vacation" or "feedback")
        {
            // Auto-replies and feedback reports have no delivery status; they still name who answered.
            Assert.NotEmpty(recipients);
            return;
        }

        var recipient = recipients[Math.Min(index, recipients.Count) - 1];
        Assert.Contains(recipient.Reason.ToName(), BounceReasonNames.All);
        Assert.Matches(@"^[245]\.\d{1,3}\.\d{1,3}$", recipient.Status);
        Assert.Contains('@', recipient.Address);
        Assert.Equal(BounceReasonNames.IsHardBounce(recipient.Reason, recipient.Status), recipient.HardBounce);
    }

    [Theory]
    [MemberData(nameof(LabeledFiles))]
    public void Reports_auto_replies_and_feedback_reports_as_their_own_kinds(string file)
    {
        var result = LabeledCorpus.Classify(file);
        var reasons = LabeledCorpus.Labels.Where(l => l.File == file).Select(l => l.Reason).ToHashSet();

        if (reasons.SetEquals(["vacation"]))
        {
            Assert.Equal(MessageKind.AutoReply, result.Kind);
        }
        else if (reasons.SetEquals(["feedback"]))
        {
            Assert.Equal(MessageKind.FeedbackReport, result.Kind);
            Assert.All(result.Recipients, r => Assert.NotNull(r.FeedbackType));
        }
        else
        {
            Assert.True(result.IsBounce, $"{file} was classified as {result.Kind}");
        }
    }

    [Fact]
    public void Agreement_with_the_labels_does_not_fall_below_what_was_reached()
    {
        var agreement = AgreementWithLabels.Measure();
        output.WriteLine($"{agreement.Rows} labeled rows in {agreement.Files} files: reason {agreement.Reason} %, status {agreement.Status} %, "
            + $"reply code {agreement.ReplyCode} %, hard bounce {agreement.HardBounce} %, recipient count per file {agreement.RecipientCount} %");
        foreach (var disagreement in agreement.Disagreements)
        {
            output.WriteLine(disagreement);
        }

        Assert.True(agreement.Reason >= ReasonFloor, $"reason agreement {agreement.Reason} % < {ReasonFloor} %");
        Assert.True(agreement.Status >= StatusFloor, $"status agreement {agreement.Status} % < {StatusFloor} %");
        Assert.True(agreement.ReplyCode >= ReplyCodeFloor, $"reply code agreement {agreement.ReplyCode} % < {ReplyCodeFloor} %");
        Assert.True(agreement.HardBounce >= HardBounceFloor, $"hard bounce agreement {agreement.HardBounce} % < {HardBounceFloor} %");
        Assert.True(agreement.RecipientCount >= RecipientCountFloor, $"recipient count agreement {agreement.RecipientCount} % < {RecipientCountFloor} %");
    }
}
