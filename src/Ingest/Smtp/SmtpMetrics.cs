using System.Diagnostics;
using System.Diagnostics.Metrics;

using Backscatter.ServiceDefaults;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// What the SMTP listener accepts and refuses, and how long a sender waits for its 250. Called on the
/// session path, once per session, refusal or message: every tag list is built once, here, so that
/// counting allocates nothing.
/// </summary>
public sealed class SmtpMetrics
{
    public const string SessionsName = "backscatter.smtp.sessions";
    public const string MessagesName = "backscatter.smtp.messages";
    public const string RefusalsName = "backscatter.smtp.refusals";
    public const string AcceptanceDurationName = "backscatter.smtp.acceptance.duration";
    public const string ReplyCodeTag = "smtp.reply.code";
    public const string ReasonTag = "backscatter.smtp.refusal";

    private readonly Counter<long> _sessions;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _acceptance;
    private readonly KeyValuePair<string, object?>[][] _refusalTags;

    public SmtpMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(TelemetryExtensions.SourceName);
        _sessions = meter.CreateCounter<long>(SessionsName, "{session}", "SMTP sessions opened (connections past the connection limits).");
        _messages = meter.CreateCounter<long>(MessagesName, "{message}", "Messages accepted: stored durably and answered 250.");
        _refusals = meter.CreateCounter<long>(RefusalsName, "{refusal}", "Connections, recipients and messages refused, by reply code and reason.");
        _acceptance = meter.CreateHistogram(
            AcceptanceDurationName,
            "s",
            "From the end of a message's DATA to its 250: the time the durable store takes.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.ShortSeconds });
        _refusalTags = [.. Enum.GetValues<SmtpRefusal>().Select(r => new KeyValuePair<string, object?>[]
        {
            new(ReplyCodeTag, ReplyCode(r)),
            new(ReasonTag, Name(r)),
        })];
    }

    public void SessionOpened() => _sessions.Add(1);

    /// <param name="dataEnded">The <see cref="Stopwatch"/> timestamp taken when the end of DATA was read.</param>
    public void MessageAccepted(long dataEnded)
    {
        _messages.Add(1);
        _acceptance.Record(Stopwatch.GetElapsedTime(dataEnded).TotalSeconds);
    }

    internal void Refused(SmtpRefusal refusal) => _refusals.Add(1, _refusalTags[(int)refusal]);

    private static int ReplyCode(SmtpRefusal refusal) => refusal switch
    {
        SmtpRefusal.UnknownRecipient => 550,
        SmtpRefusal.TooManyRecipients => 452,
        SmtpRefusal.MessageTooBig => 552,
        SmtpRefusal.LookupUnavailable or SmtpRefusal.StoreUnavailable => 451,
        SmtpRefusal.LineTooLong => 500,
        _ => 421,
    };

    private static string Name(SmtpRefusal refusal) => refusal switch
    {
        SmtpRefusal.ServerBusy => "server_busy",
        SmtpRefusal.ClientConnections => "client_connections",
        SmtpRefusal.ClientRate => "client_rate",
        SmtpRefusal.UnknownRecipient => "unknown_recipient",
        SmtpRefusal.TooManyRecipients => "too_many_recipients",
        SmtpRefusal.MessageTooBig => "message_too_big",
        SmtpRefusal.LookupUnavailable => "lookup_unavailable",
        SmtpRefusal.StoreUnavailable => "store_unavailable",
        SmtpRefusal.Timeout => "timeout",
        SmtpRefusal.TooManyErrors => "too_many_errors",
        SmtpRefusal.LineTooLong => "line_too_long",
        SmtpRefusal.ShuttingDown => "shutting_down",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };
}
