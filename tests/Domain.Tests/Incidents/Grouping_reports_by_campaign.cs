using Backscatter.Domain.Incidents;

namespace Backscatter.Domain.Tests.Incidents;

public class Grouping_reports_by_campaign
{
    [Theory]
    [InlineData("Invoice 4711 due", "invoice # due")]
    [InlineData("Re: Fwd: Invoice 815   due", "invoice # due")]
    [InlineData("AW: WG: Rechnung Nr. 12", "rechnung nr. #")]
    [InlineData("RE[2]: hello", "hello")]
    [InlineData("Cheap pills", "cheap pills")]
    [InlineData("  ", CampaignKey.NoSubject)]
    [InlineData(null, CampaignKey.NoSubject)]
    [InlineData("Re:", CampaignKey.NoSubject)]
    [InlineData("Ｉｎｖｏｉｃｅ ４２", "invoice #")]
    [InlineData("tab\there\r\nfolded", "tab here folded")]
    public void Should_normalise_the_original_subject(string? subject, string expected)
    {
        Assert.Equal(expected, CampaignKey.NormaliseSubject(subject));
    }

    [Theory]
    [InlineData("k3j9x@Example.com", "*@example.com")]
    [InlineData("a81zz@example.com", "*@example.com")]
    [InlineData("bounce-4711@example.com", "bounce-*@example.com")]
    [InlineData("john.smith@example.com", "john.smith@example.com")]
    [InlineData("qwhxzkpltrvb@example.com", "*@example.com")]
    [InlineData("sales@example.com", "sales@example.com")]
    [InlineData("prvs=0123abcdef=john.smith@example.com", "john.smith@example.com")]
    [InlineData("<user12@example.com>", "*@example.com")]
    [InlineData("no-at-sign", CampaignKey.UnknownSender)]
    [InlineData("@example.com", CampaignKey.UnknownSender)]
    [InlineData(null, CampaignKey.UnknownSender)]
    public void Should_reduce_the_forged_sender_to_its_pattern(string? sender, string expected)
    {
        Assert.Equal(expected, CampaignKey.SenderPatternOf(sender));
    }

    [Fact]
    public void Should_put_one_run_of_forged_mail_in_one_campaign_and_keep_others_apart()
    {
        var first = CampaignKey.Of("Your order 1234 shipped", "x7f3k@tenant.example");
        var same = CampaignKey.Of("RE: Your order 98 shipped", "q9z@tenant.example");
        var otherSubject = CampaignKey.Of("Cheap pills", "x7f3k@tenant.example");
        var otherSender = CampaignKey.Of("Your order 1234 shipped", "john.smith@tenant.example");

        Assert.Equal(first, same);
        Assert.NotEqual(first, otherSubject);
        Assert.NotEqual(first, otherSender);
    }

    [Fact]
    public void Should_bound_what_it_stores()
    {
        var key = CampaignKey.Of(new string('a', 5000), new string('b', 100) + "." + new string('c', 500) + "@example.com");

        Assert.Equal(CampaignKey.MaxSubjectLength, key.Subject.Length);
        Assert.True(key.SenderPattern.Length <= CampaignKey.MaxSenderPatternLength);
    }
}
