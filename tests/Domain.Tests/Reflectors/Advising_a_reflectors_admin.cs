using Backscatter.Domain.Listing;
using Backscatter.Domain.Reflectors;

namespace Backscatter.Domain.Tests.Reflectors;

public class Advising_a_reflectors_admin
{
    [Theory]
    [InlineData("postfix", "Postfix", "smtpd_reject_unlisted_recipient")]
    [InlineData("postfix", "Postfix", "reject_unverified_recipient")]
    [InlineData("Postfix", "Postfix", "relay_recipient_maps")]
    [InlineData("exim", "Exim", "verify = recipient")]
    [InlineData("exchange", "Exchange", "RecipientValidationEnabled")]
    [InlineData("office365", "Microsoft 365", "Directory-Based Edge Blocking")]
    [InlineData("sendmail", "Sendmail", "access map")]
    [InlineData("qmail", "qmail", "chkuser")]
    [InlineData("gmail", "Reject mail for unknown recipients", "RCPT TO")]
    [InlineData(null, "Reject mail for unknown recipients", "RCPT TO")]
    [InlineData("no such software", "Reject mail for unknown recipients", "before the final reply to DATA")]
    public void Should_say_what_to_change_for_bounces_in_the_words_of_the_software(string? software, string title, string words)
    {
        var remedy = Assert.Single(Remedies.For(software, [BackscatterKind.Bounce]));

        Assert.StartsWith(title, remedy.Title, StringComparison.Ordinal);
        Assert.Contains(remedy.Steps, step => step.Contains(words, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(BackscatterKind.AutoReply, "Send no automatic replies", "RFC 3834")]
    [InlineData(BackscatterKind.ChallengeResponse, "Turn challenge-response off", "forged sender")]
    [InlineData(BackscatterKind.VirusNotice, "Stop notifying senders about viruses", "$warnvirussender = 0")]
    public void Should_add_a_remedy_for_each_other_kind_of_backscatter(BackscatterKind kind, string title, string words)
    {
        var remedies = Remedies.For("postfix", [BackscatterKind.Bounce, kind]);

        Assert.Equal(2, remedies.Count);
        Assert.StartsWith("Postfix", remedies[0].Title, StringComparison.Ordinal);
        Assert.StartsWith(title, remedies[1].Title, StringComparison.Ordinal);
        Assert.Contains(remedies[1].Steps, step => step.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_leave_out_bounce_advice_for_a_server_that_only_sent_auto_replies()
    {
        var remedy = Assert.Single(Remedies.For("exchange", [BackscatterKind.AutoReply]));

        Assert.Equal("Send no automatic replies to mail that is spam, bulk or from an empty sender", remedy.Title);
    }

    [Fact]
    public void Should_give_the_bounce_advice_when_no_kind_is_known()
    {
        Assert.StartsWith("Exim", Assert.Single(Remedies.For("exim", [])).Title, StringComparison.Ordinal);
    }
}
