using Backscatter.Domain.Reports;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>The signed-in tenant's reports: paged and filtered in PostgreSQL, newest first.</summary>
/// <remarks>
/// A tenant under attack has millions of reports. Counting all that match would read them all on
/// every page, so counting stops after <see cref="CountLimit"/> ("more than 10,000"), and paging
/// reaches as far as that: further back, a filter or a date range finds a report faster than paging.
/// </remarks>
public sealed class ReportSearch(TenantDatabase tenantDatabase)
{
    public const int MaxPageSize = 100;

    /// <summary>How many matching reports are counted at most, and how deep paging goes.</summary>
    public const int CountLimit = 10_000;

    /// <summary>The last page index that paging reaches with this page size.</summary>
    public static int LastPageIndex(int pageSize) => (CountLimit - 1) / Math.Clamp(pageSize, 1, MaxPageSize);

    public async Task<ReportPage> FindAsync(ReportFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 0, LastPageIndex(pageSize));
        await using var db = await tenantDatabase.OpenReplicaAsync();
        var query = filter.Apply(db.Reports.AsNoTracking());
        var counted = await query.Take(CountLimit + 1).CountAsync(ct);
        var rows = await Rows(query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Skip(page * pageSize).Take(pageSize))
            .ToListAsync(ct);
        return new ReportPage(rows, Math.Min(counted, CountLimit), counted > CountLimit);
    }

    public async Task<IReadOnlyList<ReportRow>> LatestAsync(int count, CancellationToken ct = default)
    {
        await using var db = await tenantDatabase.OpenReplicaAsync();
        return await Rows(db.Reports.AsNoTracking().OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(count)).ToListAsync(ct);
    }

    internal static IQueryable<ReportRow> Rows(IQueryable<Report> reports) => reports.Select(r => new ReportRow(
        r.Id, r.ReceivedAt, r.Status, r.Kind, r.Judgement, r.Reason, r.ReflectorIp, r.ReflectorHost, r.BouncedTo, r.OriginalSubject, r.DuplicateCount));
}
