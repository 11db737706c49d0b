using Backscatter.Domain.Persistence;
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
        byte[]? compressed;
        await using (var replica = tenantDatabase.OpenReplica(context.User))
        {
            compressed = await RawMessageOf(replica, id, ct);
        }

        // As on the report's page: the replica may not have a report announced a moment ago.
        if (compressed is null && tenantDatabase.ReplicaIsSeparate)
        {
            await using var primary = tenantDatabase.Open(context.User);
            compressed = await RawMessageOf(primary, id, ct);
        }

        return compressed is null
            ? TypedResults.NotFound()
            : TypedResults.File(RawMessage.Decompress(compressed), "message/rfc822", $"report-{id}.eml");
    }

    private static Task<byte[]?> RawMessageOf(BackscatterDbContext db, Guid id, CancellationToken ct)
        => db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.RawMessageCompressed).FirstOrDefaultAsync(ct);
}
