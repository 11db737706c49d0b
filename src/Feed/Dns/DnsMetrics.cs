using System.Diagnostics.Metrics;

using Backscatter.ServiceDefaults;

namespace Backscatter.Feed.Dns;

/// <summary>
/// The DNS queries the feed answers, by transport and response code. The UDP receive threads answer
/// tens of thousands a second: they count in plain integers per receive batch and add each count once
/// per batch (<see cref="Answered(bool, ReadOnlySpan{int})"/>); every tag list is built once, here.
/// </summary>
public sealed class DnsMetrics
{
    public const string QueriesName = "backscatter.dns.queries";
    public const string TransportTag = "network.transport";
    public const string ResponseCodeTag = "dns.rcode";
    public const string ListedTag = "backscatter.dns.listed";

    /// <summary>The length of a tally indexed by <see cref="DnsAnswer"/>.</summary>
    public static readonly int AnswerKinds = Enum.GetValues<DnsAnswer>().Length;

    private readonly Counter<long> _queries;

    // [0] UDP, [1] TCP; then by DnsAnswer.
    private readonly KeyValuePair<string, object?>[][][] _tags;

    public DnsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(TelemetryExtensions.SourceName);
        _queries = meter.CreateCounter<long>(
            QueriesName,
            "{query}",
            "DNS queries received, by transport and the response code answered (none: not a query, left unanswered); listed when the address asked about is.");
        _tags = [.. new[] { "udp", "tcp" }.Select(transport => Enum.GetValues<DnsAnswer>().Select(answer => new KeyValuePair<string, object?>[]
        {
            new(TransportTag, transport),
            new(ResponseCodeTag, ResponseCode(answer)),
            new(ListedTag, answer == DnsAnswer.Listed),
        }).ToArray())];
    }

    /// <summary>One query (TCP, and UDP without batching, where a system call per query costs far more than this).</summary>
    public void Answered(bool overTcp, DnsAnswer answer) => _queries.Add(1, _tags[overTcp ? 1 : 0][(int)answer]);

    /// <summary>A batch of queries: <paramref name="byAnswer"/> holds how many got each <see cref="DnsAnswer"/>.</summary>
    public void Answered(bool overTcp, ReadOnlySpan<int> byAnswer)
    {
        var tags = _tags[overTcp ? 1 : 0];
        for (var i = 0; i < byAnswer.Length; i++)
        {
            if (byAnswer[i] > 0)
            {
                _queries.Add(byAnswer[i], tags[i]);
            }
        }
    }

    private static string ResponseCode(DnsAnswer answer) => answer switch
    {
        DnsAnswer.None => "none",
        DnsAnswer.Listed or DnsAnswer.NoError => "NOERROR",
        DnsAnswer.NxDomain => "NXDOMAIN",
        DnsAnswer.Refused => "REFUSED",
        DnsAnswer.FormErr => "FORMERR",
        DnsAnswer.NotImp => "NOTIMP",
        DnsAnswer.BadVers => "BADVERS",
        _ => throw new ArgumentOutOfRangeException(nameof(answer)),
    };
}
