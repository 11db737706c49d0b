using Backscatter.Domain.Reports;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>The signed-in tenant's reports: paged and filtered in PostgreSQL, newest first.</summary>
public sealed class ReportSearch(TenantDatabase tenantDatabase)
{
    public const int MaxPageSize = 100;

    public async Task<ReportPage> FindAsync(ReportFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await tenantDatabase.OpenAsync();
        var query = filter.Apply(db.Reports.AsNoTracking());
        var total = await query.CountAsync(ct);
        var rows = await Rows(query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Skip(page * pageSize).Take(pageSize))
            .ToListAsync(ct);
        return new ReportPage(rows, total);
    }

    public async Task<IReadOnlyList<ReportRow>> LatestAsync(int count, CancellationToken ct = default)
    {
        await using var db = await tenantDatabase.OpenAsync();
        return await Rows(db.Reports.AsNoTracking().OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(count)).ToListAsync(ct);
    }

    internal static IQueryable<ReportRow> Rows(IQueryable<Report> reports) => reports.Select(r => new ReportRow(
        r.Id, r.ReceivedAt, r.Status, r.Kind, r.Judgement, r.Reason, r.ReflectorIp, r.ReflectorHost, r.BouncedTo, r.OriginalSubject, r.DuplicateCount));
}
