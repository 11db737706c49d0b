using Backscatter.Domain.Classification;
using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>Provider code tables: the same words mean what the provider that answered documents, and only there.</summary>
public sealed class Reading_what_providers_mean
{
    [Theory]
    [InlineData("a@y.example.ca", "mta6.am0.yahoodns.net", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", "rejected")]
    [InlineData("a@cox.net", "cxr.mx.a.cloudfilter.net", "550 5.1.0 <b@example.com> sender rejected. AUP#CDRBL", "blocked")]
    [InlineData("a@cox.net", null, "554 AUP#IPBL1010 the sending IP is listed", "blocked")]
    [InlineData("a@example.fr", "smtp-in.orange.fr", "421 4.2.0 Service refuse. Veuillez essayer plus tard. OFR005_505 [505]", "systemerror")]
    [InlineData("a@example.fr", "smtpz4.laposte.net", "550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN001_108", "blocked")]
    [InlineData("a@example.fr", "smtp-in.orange.fr", "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]", "userunknown")]
    [InlineData("a@example.co.uk", "service222.mimecast.com", "554 email rejected due to security policies - MCSpamSignature.sa.2.2", "virusdetected")]
    [InlineData("a@ezweb.ne.jp", null, "550 : User unknown", "filtered")]
    [InlineData("a@ezweb.ne.jp", null, "550 <a@ezweb.ne.jp>: User unknown", "userunknown")]
    public void Reads_a_known_providers_answer_by_its_own_table(string recipient, string? remoteMta, string diagnostic, string reason)
    {
        var found = RemoteHostReasons.Find(recipient, remoteMta, null, null, SmtpCommand.Unknown, diagnostic.ToLowerInvariant());

        Assert.Equal(reason, found?.ToName());
    }

    [Fact]
    public void Leaves_the_same_words_from_another_host_to_the_generic_tables()
    {
        const string Tss04 = "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints";

        Assert.Null(RemoteHostReasons.Find("a@yahoo.com", "mx.example.net", "out.example.org", "4.7.0", SmtpCommand.MailFrom, Tss04.ToLowerInvariant()));
        Assert.Equal(BounceReason.BadReputation, ReasonFinder.Find(new FailureFacts("4.7.0", Tss04, Recipient: "a@yahoo.com", RemoteMta: "mx.example.net")));
    }

    [Fact]
    public void Tells_docomo_refusing_the_sender_at_data_from_an_unknown_user_at_rcpt()
    {
        const string Said = "550 unknown user a@docomo.ne.jp";

        Assert.Equal(BounceReason.Rejected, RemoteHostReasons.Find("a@docomo.ne.jp", "mfsmax.docomo.ne.jp", null, "5.0.0", SmtpCommand.Data, Said));
        Assert.Equal(BounceReason.UserUnknown, RemoteHostReasons.Find("a@docomo.ne.jp", "mfsmax.docomo.ne.jp", null, "5.0.0", SmtpCommand.RcptTo, Said));
    }

    [Theory]
    [InlineData("554 554 5.7.0 Header error (state 18).", "5.7.0", "filtered")]
    [InlineData("500 Remote server does not support TLS (state 6).", null, "failedstarttls")]
    public void Reads_the_smtp_state_a_gmail_attempt_failed_in(string diagnostic, string? status, string reason)
    {
        var facts = new FailureFacts(status, diagnostic, Context: diagnostic, Software: MtaSoftware.Gmail);

        Assert.Equal(reason, ReasonFinder.Find(facts).ToName());
    }
}
