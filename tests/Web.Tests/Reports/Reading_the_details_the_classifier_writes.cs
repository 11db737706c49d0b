extern alias ingest;

using System.Net;
using System.Text;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;
using Backscatter.Testing;
using Backscatter.Web.Reports;

using ClassificationJson = ingest::Backscatter.Ingest.Classification.ClassificationJson;

namespace Backscatter.Web.Tests.Reports;

/// <summary>The detail page reads the <c>details</c> JSON exactly as the Ingest's classifier writes it, from a real bounce.</summary>
public sealed class Reading_the_details_the_classifier_writes
{
    private static Report Classified(string corpusFile)
    {
        var raw = File.ReadAllBytes(SharedCorpus.PathOf("sisimai/maildir/bsd/" + corpusFile));
        var result = BounceClassifier.Classify(raw);
        var tenant = new TenantMailConfiguration { Domains = ["example.ne.jp"] };
        var verdict = VerdictRules.Judge(result, tenant, new DateOnly(2026, 11, 26));
        var reflector = ReflectorAttribution.Find(result, tenant, HostNameList.Empty);
        return new Report
        {
            ClientIp = IPAddress.Loopback,
            Helo = "mx1.customer.example",
            MailFrom = "",
            RcptTo = ["abc@in.backscatter.test"],
            Sha256 = RawMessage.Sha256(raw),
            RawMessageCompressed = RawMessage.Compress(raw),
            Kind = result.Kind,
            Judgement = verdict.Judgement,
            Details = ClassificationJson.ToJson(result, verdict, reflector),
        };
    }

    [Fact]
    public void Should_read_recipients_evidence_the_original_and_both_received_chains()
    {
        var report = Classified("lhost-postfix-04.eml");

        var detail = ReportDetail.From(report, []);

        var recipient = Assert.Single(detail.Recipients);
        Assert.Equal("kijitora@example.co.jp", recipient.Address);
        Assert.Equal("5.1.1", recipient.Status);
        Assert.Equal("userunknown", recipient.Reason);
        Assert.True(recipient.HardBounce);
        Assert.NotEmpty(detail.Evidence);
        Assert.All(detail.Evidence, e => Assert.False(string.IsNullOrEmpty(e.Text)));
        Assert.Equal("TEST", detail.Original?.Subject);
        Assert.NotEmpty(detail.Original!.Received);
        Assert.Contains(detail.BounceReceived, h => h.Ip?.ToString() == "118.23.180.69");
        Assert.True(detail.HasRawMessage);
    }

    [Fact]
    public void Should_leave_the_parts_empty_when_the_details_are_not_json()
    {
        var report = Classified("lhost-postfix-04.eml");
        report.Details = "{ not json";

        var detail = ReportDetail.From(report, []);

        Assert.Empty(detail.Recipients);
        Assert.Empty(detail.Evidence);
        Assert.Null(detail.Original);
    }

    [Fact]
    public void Should_keep_the_header_values_it_is_given_in_order()
    {
        var report = Classified("lhost-postfix-04.eml");
        var headers = new[] { KeyValuePair.Create("Received", "from a by b"), KeyValuePair.Create("Subject", Encoding.ASCII.GetString("x"u8)) };

        var detail = ReportDetail.From(report, headers);

        Assert.Equal(["Received", "Subject"], detail.Headers.Select(h => h.Key));
    }
}
