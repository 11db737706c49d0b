using Backscatter.Domain.Classification;
using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>The reason taxonomy: status codes, the servers' sentences and the failed SMTP command together.</summary>
public sealed class Deciding_the_reason
{
    [Theory]
    [InlineData("5.1.1", "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown", "userunknown")]
    [InlineData("5.2.2", "552 5.2.2 Mailbox full", "mailboxfull")]
    [InlineData("5.1.2", "550 5.1.2 Host unknown", "hostunknown")]
    [InlineData("5.7.1", "554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org", "blocked")]
    [InlineData("5.7.26", "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy", "authfailure")]
    [InlineData("5.3.4", "552 5.3.4 Message too big for system", "mesgtoobig")]
    [InlineData("4.4.7", "Delivery time expired", "expired")]
    [InlineData("5.1.8", "501 5.1.8 Sender address rejected: Domain not found", "rejected")]
    [InlineData("5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering", "spamdetected")]
    [InlineData("2.1.5", "250 2.1.5 OK", "delivered")]
    public void Reads_status_and_diagnostic_together(string status, string diagnostic, string reason)
    {
        Assert.Equal(reason, ReasonFinder.Find(new FailureFacts(status, diagnostic)).ToName());
    }

    [Fact]
    public void Calls_an_unknown_user_at_rcpt_unknown_but_the_same_words_after_data_a_filter()
    {
        Assert.Equal(BounceReason.UserUnknown, ReasonFinder.Find(new FailureFacts(null, "550 User unknown", Command: SmtpCommand.RcptTo)));
        Assert.Equal(BounceReason.Filtered, ReasonFinder.Find(new FailureFacts(null, "550 User unknown", Command: SmtpCommand.Data)));
    }

    [Fact]
    public void Treats_a_temporary_dns_failure_as_a_network_error_not_a_missing_domain()
    {
        Assert.Equal(BounceReason.NetworkError, ReasonFinder.Find(new FailureFacts("4.4.3", "Host or domain name not found. Name service error")));
    }

    [Fact]
    public void Says_onhold_when_there_is_text_but_nothing_to_go_by_and_undefined_when_there_is_nothing()
    {
        Assert.Equal(BounceReason.OnHold, ReasonFinder.Find(new FailureFacts(null, "something odd happened")));
        Assert.Equal(BounceReason.Undefined, ReasonFinder.Find(new FailureFacts(null, null)));
    }

    [Fact]
    public void Names_exactly_the_thirty_six_reasons_of_the_corpus()
    {
        string[] corpus =
        [
            "authfailure", "badreputation", "blocked", "contenterror", "delivered", "exceedlimit", "expired", "failedstarttls",
            "feedback", "filtered", "hasmoved", "hostunknown", "mailboxfull", "mailererror", "mesgtoobig", "networkerror",
            "norelaying", "notaccept", "notcompliantrfc", "onhold", "policyviolation", "rejected", "requireptr", "securityerror",
            "spamdetected", "speeding", "suppressed", "suspend", "syntaxerror", "systemerror", "systemfull", "toomanyconn",
            "undefined", "userunknown", "vacation", "virusdetected",
        ];

        Assert.Equal(corpus.Order(), BounceReasonNames.All.Order());
    }

    [Theory]
    [InlineData("userunknown", "5.1.1", true)]
    [InlineData("hostunknown", "5.1.2", true)]
    [InlineData("notaccept", "5.3.2", true)]
    [InlineData("notaccept", "4.0.0", false)]
    [InlineData("mailboxfull", "5.2.2", false)]
    public void Calls_only_permanent_address_failures_hard_bounces(string reason, string status, bool hard)
    {
        Assert.True(BounceReasonNames.TryParse(reason, out var parsed));
        Assert.Equal(hard, BounceReasonNames.IsHardBounce(parsed, status));
    }
}
