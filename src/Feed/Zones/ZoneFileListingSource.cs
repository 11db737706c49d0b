using Backscatter.Feed.Dns;

using Microsoft.Extensions.Options;

namespace Backscatter.Feed.Zones;

/// <summary>
/// The listing from the rbldnsd-format file named by <c>DnsFeed:ZoneFile</c>, or an empty listing (only the
/// test points) without one. The stand-in until the PostgreSQL reconciliation exists.
/// </summary>
public sealed class ZoneFileListingSource(IOptions<DnsFeedOptions> options, TimeProvider time) : IListingSource
{
    public Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        // The SOA serial is the load time in seconds since 1970, so it grows across reloads and restarts.
        var serial = (uint)time.GetUtcNow().ToUnixTimeSeconds();
        var file = options.Value.ZoneFile;
        return file is { Length: > 0 }
            ? Task.Run(() => Load(file, serial, cancellationToken), cancellationToken)
            : Task.FromResult(new ListingSnapshotBuilder().Build(serial));
    }

    private static ListingSnapshot Load(string file, uint serial, CancellationToken cancellationToken)
    {
        // About 60 bytes a line in the files the feed writes; sizing the lists up front saves their regrowth.
        var builder = new ListingSnapshotBuilder((int)Math.Min(new FileInfo(file).Length / 60, 50_000_000));
        using var reader = new StreamReader(file, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        RbldnsdZoneReader.Read(reader, builder, cancellationToken);
        return builder.Build(serial);
    }
}
