using Backscatter.Domain.Incidents;
using Backscatter.Web.Reports;

namespace Backscatter.Web.Incidents;

/// <summary>One incident of the signed-in tenant with its timeline, the servers that reflected it and some of its reports.</summary>
public sealed record IncidentDetail(
    Incident Incident,
    IReadOnlyList<IncidentMinute> Minutes,
    IReadOnlyList<TopReflector> TopReflectors,
    IReadOnlyList<ReportRow> SampleReports)
{
    /// <summary>Where the incident's reports are looked for: from the start of its window to its resolution or its last report.</summary>
    public DateTimeOffset EndedAt => Incident.ResolvedAt ?? Incident.LastReportAt;
}
