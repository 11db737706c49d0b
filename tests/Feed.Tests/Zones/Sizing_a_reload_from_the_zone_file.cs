using Backscatter.Feed.Dns;
using Backscatter.Feed.Zones;

using Microsoft.Extensions.Options;

namespace Backscatter.Feed.Tests.Zones;

/// <summary>
/// A reload makes room for the file's listings once, from its first 64 KB, and the snapshot keeps the
/// arrays it was read into: no growing, no copy to the exact size. The feed's own files have one line per
/// return code, so room for lines would leave a third of the arrays empty here.
/// </summary>
public sealed class Sizing_a_reload_from_the_zone_file : IDisposable
{
    private const int Listings = 20_000;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"backscatter-sizing-{Guid.NewGuid():N}.ip4set");

    public Sizing_a_reload_from_the_zone_file()
    {
        // Every second listing has two return codes, written as two lines one after the other.
        var builder = new ListingSnapshotBuilder(Listings);
        for (var i = 0u; i < Listings; i++)
        {
            var codes = i % 2 == 0 ? (1u << 2) | (1u << 3) : 1u << 2;
            builder.Add(0x0B000000u + (i * 13), new ListingFacts(codes, 3 + (int)(i % 50), 2, new DateOnly(2026, 11, 20).DayNumber));
        }

        using var writer = new StreamWriter(_file) { NewLine = "\n" };
        RbldnsdZoneWriter.WriteAsync(builder.Build(1), RbldnsdDataset.Ip4Set, new DnsFeedOptions(), writer, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Should_expect_the_listings_not_the_lines()
    {
        using var stream = File.OpenRead(_file);

        var expected = ZoneFileListingSource.ExpectedListings(stream);

        Assert.InRange(expected, Listings, Listings * 11 / 10);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task Should_serve_the_arrays_it_read_the_file_into()
    {
        using var source = new ZoneFileListingSource(Options.Create(new DnsFeedOptions { ZoneFile = _file }), TimeProvider.System);
        int expected;
        using (var stream = File.OpenRead(_file))
        {
            expected = ZoneFileListingSource.ExpectedListings(stream);
        }

        var snapshot = await source.LoadAsync(CancellationToken.None);

        Assert.Equal(Listings, snapshot.Count);
        Assert.Equal(expected, snapshot.Capacity);
        Assert.True(snapshot.TryFind(0x0B000000u + (2 * 13), out var twoCodes));
        Assert.Equal((1u << 2) | (1u << 3), twoCodes.CodeMask);
    }
}
