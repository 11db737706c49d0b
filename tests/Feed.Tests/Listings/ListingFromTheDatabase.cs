using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Net;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Tenancy;
using Backscatter.Feed.Listings;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Feed.Tests.Listings;

/// <summary>Reflector sightings in a real PostgreSQL, as the ingest pipeline writes them, turned into the feed's listing.</summary>
public sealed class ListingFromTheDatabase(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly MigratedTestDatabase _database = database;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Databases(TestDatabase database) : IDbContextFactory<BackscatterDbContext>
    {
        public BackscatterDbContext CreateDbContext() => database.CreateContext();
    }

    private async Task SeeAsync(string ip, Tenant tenant, BackscatterKind kind, int count, TimeSpan ago)
    {
        await using var db = _database.CreateContext();
        var at = Now - ago;
        db.ReflectorSightings.Add(new ReflectorSighting
        {
            Ip = IPAddress.Parse(ip),
            TenantId = tenant.Id,
            Kind = kind,
            Hour = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero),
            Count = count,
            FirstSeen = at,
            LastSeen = at,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Lists_a_reflector_seen_by_two_tenants_and_leaves_out_one_below_the_threshold_or_expired()
    {
        var first = new Tenant { Name = "First" };
        var second = new Tenant { Name = "Second" };
        await using (var db = _database.CreateContext())
        {
            db.Tenants.AddRange(first, second);
            await db.SaveChangesAsync();
        }

        await SeeAsync("81.2.69.160", first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(3));
        await SeeAsync("81.2.69.160", second, BackscatterKind.AutoReply, 1, TimeSpan.FromHours(1));
        await SeeAsync("81.2.69.161", first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(1));
        await SeeAsync("2a01:4f8:c17:1::25", first, BackscatterKind.Bounce, 25, TimeSpan.FromDays(40));
        var options = new ListingPolicyOptions();
        var source = new DatabaseListingSource(new Databases(_database), new ListingPolicy(options), options, new FixedClock(Now));

        var snapshot = await source.LoadAsync(CancellationToken.None);

        Assert.Equal(1, snapshot.Count);
        Assert.True(snapshot.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse("81.2.69.160")), out var facts));
        Assert.Equal((1u << (int)ReturnCode.Bounce) | (1u << (int)ReturnCode.AutoReply), facts.CodeMask);
        Assert.Equal(3, facts.Messages);
        Assert.Equal(2, facts.Networks);
        Assert.False(snapshot.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse("81.2.69.161")), out _));
        Assert.Equal((uint)Now.ToUnixTimeSeconds(), snapshot.Serial);
    }
}
