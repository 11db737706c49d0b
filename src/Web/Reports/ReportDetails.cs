using Backscatter.Domain.Reports;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;

using MimeKit;

namespace Backscatter.Web.Reports;

/// <summary>One report of the signed-in tenant; null for another tenant's report or none at all.</summary>
public sealed class ReportDetails(TenantDatabase tenantDatabase)
{
    // Enough for any real header block; a hostile message does not get to fill the page.
    private const int MaxHeaders = 200;
    private const int MaxHeaderValueLength = 4000;

    public async Task<ReportDetail?> FindAsync(Guid id, CancellationToken ct = default)
    {
        Report? report;
        await using (var replica = await tenantDatabase.OpenReplicaAsync())
        {
            report = await replica.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        }

        // A report announced a moment ago (live updates, an alert's link) may not have reached the replica yet.
        if (report is null && tenantDatabase.ReplicaIsSeparate)
        {
            await using var primary = await tenantDatabase.OpenAsync();
            report = await primary.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        }

        return report is null ? null : ReportDetail.From(report, HeadersOf(report));
    }

    private static List<KeyValuePair<string, string>> HeadersOf(Report report)
    {
        if (report.RawMessageCompressed is null)
        {
            return [];
        }

        using var raw = new MemoryStream(RawMessage.Decompress(report.RawMessageCompressed), writable: false);
        try
        {
            var headers = HeaderList.Load(raw);
            return [.. headers.Take(MaxHeaders).Select(h => KeyValuePair.Create(h.Field, Limit(h.Value)))];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static string Limit(string value) => value.Length <= MaxHeaderValueLength ? value : value[..MaxHeaderValueLength] + "…";
}
