using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Listing;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// What classification found for one report, in the shape of its columns: classified in memory,
/// then written with the rest of its batch.
/// </summary>
internal sealed class ClassifiedReport
{
    private ClassifiedReport(ReportToClassify report, ClassificationResult result, Verdict verdict, Reflector? reflector)
    {
        Report = report;
        Result = result;
        Verdict = verdict;
        Reflector = reflector;
        Details = ClassificationJson.ToJson(result, verdict, reflector);
        Reason = result.Recipients.Count > 0 ? result.Recipients[0].Reason.ToName() : null;
        ReflectorHost = Limit(reflector?.Host, 255);
        ReportingMta = Limit(result.ReportingMta, 255);
        MtaSoftware = result.MtaSoftware.ToString().ToLowerInvariant();
        BouncedTo = Limit(result.BouncedTo, Domain.Reports.Report.MaxAddressLength);
        OriginalSubject = Limit(result.Original.Subject, 500);
        OriginalMessageId = Limit(result.Original.MessageId, 500);
    }

    /// <summary>Classifies the raw message, judges it against the tenant's configuration and names its reflector.</summary>
    public static ClassifiedReport Classify(ReportToClassify report, TenantMailConfiguration tenant, HostNameList ingestHosts, DateOnly today)
    {
        var raw = report.Raw ?? (report.RawMessageCompressed is null ? [] : Domain.Reports.RawMessage.Decompress(report.RawMessageCompressed));
        var result = BounceClassifier.Classify(raw);
        var verdict = VerdictRules.Judge(result, tenant, today);
        var reflector = ReflectorAttribution.Find(result, tenant, ingestHosts, report.ClientIp);
        return new ClassifiedReport(report, result, verdict, reflector);
    }

    public ReportToClassify Report { get; }

    public ClassificationResult Result { get; }

    public Verdict Verdict { get; }

    public Reflector? Reflector { get; }

    public string Details { get; }

    public string? Reason { get; }

    public string? ReflectorHost { get; }

    public string? ReportingMta { get; }

    public string MtaSoftware { get; }

    public string? BouncedTo { get; }

    public string? OriginalSubject { get; }

    public string? OriginalMessageId { get; }

    /// <summary>The kind of backscatter its reflector is counted for; null when it does not count (not backscatter, no reflector).</summary>
    public BackscatterKind? CountedAs =>
        Verdict.Judgement == Judgement.Backscatter && Reflector is not null ? KindOf(Result.Kind) : null;

    /// <summary>The reflector's software as its record keeps it; null when unknown.</summary>
    public string? ReflectorSoftware => Result.MtaSoftware == Domain.Mail.MtaSoftware.Unknown ? null : MtaSoftware;

    public ReportClassified ToEvent(DateTimeOffset classifiedAt) => new(
        Report.Id,
        Report.TenantId,
        Result.Kind.ToString(),
        Verdict.Judgement.ToString(),
        Reflector?.Ip,
        Report.ReceivedAt,
        classifiedAt);

    private static BackscatterKind? KindOf(MessageKind kind) => kind switch
    {
        MessageKind.DeliveryStatusNotification or MessageKind.NonStandardBounce => BackscatterKind.Bounce,
        MessageKind.AutoReply => BackscatterKind.AutoReply,
        MessageKind.ChallengeResponse => BackscatterKind.ChallengeResponse,
        MessageKind.VirusNotice => BackscatterKind.VirusNotice,
        _ => null,
    };

    private static string? Limit(string? value, int length) => PostgresText.Clean(value, length);
}
