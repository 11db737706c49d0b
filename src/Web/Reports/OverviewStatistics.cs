using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Web.Reports;

/// <summary>What the overview shows for a period: counts per day by kind and by verdict, and the top reflectors.</summary>
public sealed record OverviewStatistics(
    IReadOnlyList<DateOnly> Days,
    IReadOnlyDictionary<MessageKind, int[]> ByKind,
    IReadOnlyDictionary<Judgement, int[]> ByVerdict,
    IReadOnlyList<TopReflector> TopReflectors)
{
    public int Total => ByVerdict.Values.Sum(v => v.Sum());

    public int CountOf(Judgement verdict) => ByVerdict.TryGetValue(verdict, out var days) ? days.Sum() : 0;
}
