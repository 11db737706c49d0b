using Backscatter.Domain.Reports;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

public static class RawMessageEndpoints
{
    /// <summary><c>GET /reports/{id}/raw</c>: the message as received, for the report's own tenant only (404 for anyone else's).</summary>
    public static IEndpointRouteBuilder MapRawMessageDownload(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/reports/{id:guid}/raw", DownloadAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid id, HttpContext context, TenantDatabase tenantDatabase, CancellationToken ct)
    {
        await using var db = tenantDatabase.Open(context.User);
        var compressed = await db.Reports.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => r.RawMessageCompressed)
            .FirstOrDefaultAsync(ct);
        return compressed is null
            ? TypedResults.NotFound()
            : TypedResults.File(RawMessage.Decompress(compressed), "message/rfc822", $"report-{id}.eml");
    }
}
