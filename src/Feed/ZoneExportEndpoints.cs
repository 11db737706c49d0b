using System.Text;

using Backscatter.Feed.Dns;
using Backscatter.Feed.Zones;

using Microsoft.Extensions.Options;

namespace Backscatter.Feed;

public static class ZoneExportEndpoints
{
    /// <summary><c>GET /zone/ip4set</c> and <c>/zone/ip6trie</c>: the current listing as rbldnsd datasets, for mirrors.</summary>
    public static IEndpointRouteBuilder MapZoneExport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var zone = endpoints.MapGroup("/zone");
        zone.MapGet("/ip4set", (HttpContext context, ActiveListing listing, IOptions<DnsFeedOptions> options) =>
            WriteAsync(context, listing, options.Value, RbldnsdDataset.Ip4Set));
        zone.MapGet("/ip6trie", (HttpContext context, ActiveListing listing, IOptions<DnsFeedOptions> options) =>
            WriteAsync(context, listing, options.Value, RbldnsdDataset.Ip6Trie));
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, ActiveListing listing, DnsFeedOptions options, RbldnsdDataset dataset)
    {
        // One snapshot for the whole response, so a reload during the download cannot mix two listings.
        var snapshot = listing.Current;
        context.Response.ContentType = "text/plain; charset=us-ascii";
        context.Response.Headers.ETag = $"\"{snapshot.Serial}\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16);
        await RbldnsdZoneWriter.WriteAsync(snapshot, dataset, options, writer, context.RequestAborted).ConfigureAwait(false);
    }
}
