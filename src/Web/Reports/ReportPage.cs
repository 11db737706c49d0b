namespace Backscatter.Web.Reports;

/// <summary>
/// One page of the reports list and how many match: exactly <see cref="Total"/>, or, when
/// <see cref="HasMore"/>, more than that (counting stops at <see cref="ReportSearch.CountLimit"/>).
/// </summary>
public sealed record ReportPage(IReadOnlyList<ReportRow> Rows, int Total, bool HasMore);
