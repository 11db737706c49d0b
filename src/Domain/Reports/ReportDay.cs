using Backscatter.Domain.Classification;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Reports;

/// <summary>
/// How many of a tenant's reports of one kind and verdict were received on one closed day (UTC): the
/// overview's counts over time, kept once a day can no longer change instead of counted from every report.
/// </summary>
public sealed class ReportDay : ITenantOwned
{
    public Guid TenantId { get; init; }

    public DateOnly Day { get; init; }

    public MessageKind Kind { get; init; }

    public Judgement Judgement { get; init; }

    public int Count { get; init; }
}
