using System.Security.Claims;

using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Audit;

/// <summary>The signed-in member's tenant's audit log, paged in PostgreSQL (index on tenant and time).</summary>
public sealed class AuditLog(TenantDatabase tenantDatabase)
{
    public const int PageSize = 25;

    public async Task<AuditPage> ReadAsync(ClaimsPrincipal reader, string? area, int pageIndex, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        pageIndex = Math.Max(pageIndex, 0);
        await using var db = tenantDatabase.Open(reader);
        var entries = db.AuditEntries.AsNoTracking();
        if (AuditArea.Parse(area) is { } known)
        {
            var prefix = known + ".";
            entries = entries.Where(e => e.Action.StartsWith(prefix));
        }

        var total = await entries.CountAsync(ct);
        var page = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(pageIndex * PageSize).Take(PageSize)
            .ToListAsync(ct);
        return new AuditPage(page, total, pageIndex, PageSize);
    }
}
