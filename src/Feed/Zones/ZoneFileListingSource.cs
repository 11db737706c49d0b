using System.Buffers;

using Backscatter.Feed.Dns;

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Backscatter.Feed.Zones;

/// <summary>
/// The listing from the rbldnsd-format file named by <c>DnsFeed:ZoneFile</c>, or an empty listing (only the
/// test points) without one. The file is watched, so a new version is served as soon as it is written;
/// an unchanged file is not parsed again.
/// </summary>
public sealed class ZoneFileListingSource(IOptions<DnsFeedOptions> options, TimeProvider time) : IListingSource, IDisposable
{
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private CancellationTokenSource _changed = new();
    private (DateTime Written, long Length, ListingSnapshot Snapshot)? _loaded;

    public Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        // The SOA serial is the load time in seconds since 1970, so it grows across reloads and restarts.
        var serial = (uint)time.GetUtcNow().ToUnixTimeSeconds();
        var file = options.Value.ZoneFile;
        return file is { Length: > 0 }
            ? Task.Run(() => LoadIfChanged(file, serial, cancellationToken), cancellationToken)
            : Task.FromResult(new ListingSnapshotBuilder().Build(serial));
    }

    public IChangeToken? Watch()
    {
        if (options.Value.ZoneFile is not { Length: > 0 } file)
        {
            return null;
        }

        lock (_gate)
        {
            if (_watcher is null)
            {
                // Only this file's directory, not its subdirectories: the file may sit in a busy place like /tmp.
                var full = Path.GetFullPath(file);
                _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                _watcher.Changed += (_, _) => Signal();
                _watcher.Created += (_, _) => Signal();
                _watcher.Renamed += (_, _) => Signal();
                _watcher.EnableRaisingEvents = true;
            }

            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void Signal()
    {
        CancellationTokenSource fired;
        lock (_gate)
        {
            fired = _changed;
            _changed = new CancellationTokenSource();
        }

        // Not disposed: a reconciler may be registering on its token right now.
        fired.Cancel();
    }

    private ListingSnapshot LoadIfChanged(string file, uint serial, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (_loaded is { } loaded && loaded.Written == info.LastWriteTimeUtc && loaded.Length == info.Length)
        {
            return loaded.Snapshot;
        }

        var snapshot = Load(info, serial, cancellationToken);
        _loaded = (info.LastWriteTimeUtc, info.Length, snapshot);
        return snapshot;
    }

    private static ListingSnapshot Load(FileInfo file, uint serial, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(file.FullName, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var builder = new ListingSnapshotBuilder(ExpectedListings(stream));
        using var reader = new StreamReader(stream);
        RbldnsdZoneReader.Read(reader, builder, cancellationToken);
        return builder.Build(serial);
    }

    /// <summary>
    /// Lines run from 10 bytes (an address alone) to 150 (with the feed's TXT), so the first 64 KB tell how
    /// many listings the file holds: its lines, less those that repeat the address of the line before (the
    /// feed writes one line per return code, and the builder merges such lines as they come). Sized up front,
    /// the builder's arrays never grow and become the snapshot's with little room to spare; sized by a fixed
    /// guess they were 2.4 times too large for the feed's own files, the largest part of a reload's memory.
    /// </summary>
    /// <remarks>Reads the sample from <paramref name="stream"/> and puts it back at the start for the reader.</remarks>
    internal static int ExpectedListings(FileStream stream)
    {
        var sample = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var read = stream.ReadAtLeast(sample.AsSpan(0, 1 << 16), 1 << 16, throwOnEndOfStream: false);
            stream.Position = 0;
            var listings = CountListings(sample.AsSpan(0, read));
            return listings == 0 ? 0 : (int)Math.Min(stream.Length * listings / read * 21 / 20 + 16, 50_000_000);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sample);
        }
    }

    /// <returns>The ended lines of <paramref name="text"/> whose first word differs from the line before.</returns>
    private static int CountListings(ReadOnlySpan<byte> text)
    {
        var listings = 0;
        ReadOnlySpan<byte> previous = [];
        for (var newline = text.IndexOf((byte)'\n'); newline >= 0; newline = text.IndexOf((byte)'\n'))
        {
            var line = text[..newline];
            text = text[(newline + 1)..];
            var space = line.IndexOfAny((byte)' ', (byte)'\t');
            var address = space < 0 ? line : line[..space];
            if (!address.SequenceEqual(previous))
            {
                listings++;
            }

            previous = address;
        }

        return listings;
    }
}
