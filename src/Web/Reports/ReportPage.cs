namespace Backscatter.Web.Reports;

/// <summary>One page of the reports list and how many match in all.</summary>
public sealed record ReportPage(IReadOnlyList<ReportRow> Rows, int Total);
