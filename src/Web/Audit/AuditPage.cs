using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Audit;

/// <summary>One page of a tenant's audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int PageIndex, int PageSize)
{
    public int PageCount => (Total + PageSize - 1) / PageSize;
}
