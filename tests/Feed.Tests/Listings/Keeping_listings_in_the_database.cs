using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Net;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Tenancy;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Feed.Tests.Listings;

/// <summary>
/// Reflector sightings in a real PostgreSQL, as the ingest pipeline writes them, evaluated into listings
/// with their history, and loaded as the feed's snapshot.
/// </summary>
public sealed class Keeping_listings_in_the_database(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Tenant _first = new() { Name = "First" };
    private readonly Tenant _second = new() { Name = "Second" };
    private bool _tenantsAdded;

    private sealed class Databases(TestDatabase database) : IDbContextFactory<BackscatterDbContext>
    {
        // The evaluator and the source as the Feed runs them: its own login.
        public BackscatterDbContext CreateDbContext() => database.CreateContext(HostLogin.Feed);
    }

    private ListingEvaluator Evaluator(ListingPolicyOptions? options = null)
    {
        options ??= new ListingPolicyOptions();
        return new ListingEvaluator(new Databases(database), new ListingPolicy(options), options, _clock);
    }

    private DatabaseListingSource Source(ListingPolicyOptions? options = null) =>
        new(new Databases(database), new ListingPolicy(options ?? new ListingPolicyOptions()), _clock);

    private async Task SeeAsync(string ip, Tenant tenant, BackscatterKind kind, int count, TimeSpan ago)
    {
        await using var db = database.CreateContext();
        if (!_tenantsAdded)
        {
            db.Tenants.AddRange(_first, _second);
            _tenantsAdded = true;
        }

        var at = _clock.GetUtcNow() - ago;
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

    private async Task<List<ListingHistoryEntry>> HistoryAsync(string ip)
    {
        await using var db = database.CreateContext();
        return await db.ListingHistory.AsNoTracking().Where(h => h.Ip == IPAddress.Parse(ip)).OrderBy(h => h.Id).ToListAsync();
    }

    [Fact]
    public async Task Lists_a_reflector_seen_by_two_tenants_and_leaves_out_one_below_the_threshold()
    {
        await SeeAsync("81.2.69.160", _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(3));
        await SeeAsync("81.2.69.160", _second, BackscatterKind.AutoReply, 1, TimeSpan.FromHours(1));
        await SeeAsync("81.2.69.161", _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(1));
        var evaluator = Evaluator();

        var listed = await evaluator.EvaluateAsync(IPAddress.Parse("81.2.69.160"), CancellationToken.None);
        var below = await evaluator.EvaluateAsync(IPAddress.Parse("81.2.69.161"), CancellationToken.None);
        var snapshot = await Source().LoadAsync(CancellationToken.None);

        Assert.NotNull(listed);
        Assert.Equal(nameof(ListingChange.Listed), listed.Change);
        Assert.Equal([(int)ReturnCode.Bounce, (int)ReturnCode.AutoReply], listed.ReturnCodes);
        Assert.Null(below);
        Assert.True(snapshot.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse("81.2.69.160")), out var facts));
        Assert.Equal((1u << (int)ReturnCode.Bounce) | (1u << (int)ReturnCode.AutoReply), facts.CodeMask);
        Assert.Equal(3, facts.Messages);
        Assert.Equal(2, facts.Networks);
        Assert.False(snapshot.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse("81.2.69.161")), out _));
        Assert.Equal((uint)Start.ToUnixTimeSeconds(), snapshot.Serial);
        var entry = Assert.Single(await HistoryAsync("81.2.69.160"));
        Assert.Equal((ListingChange.Listed, 3, 2, ListingHistoryEntry.PolicyActor), (entry.Change, entry.MessageCount, entry.TenantCount, entry.Actor));
    }

    [Fact]
    public async Task Announces_nothing_when_the_answer_stays_the_same_and_new_codes_when_they_change()
    {
        const string ip = "81.2.69.162";
        await SeeAsync(ip, _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(3));
        await SeeAsync(ip, _second, BackscatterKind.Bounce, 1, TimeSpan.FromHours(2));
        var evaluator = Evaluator();
        await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);

        await SeeAsync(ip, _second, BackscatterKind.Bounce, 1, TimeSpan.FromHours(1));
        var same = await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);
        await SeeAsync(ip, _second, BackscatterKind.ChallengeResponse, 1, TimeSpan.Zero);
        var changed = await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);

        Assert.Null(same);
        Assert.NotNull(changed);
        Assert.Equal(nameof(ListingChange.CodesChanged), changed.Change);
        Assert.Equal([(int)ReturnCode.Bounce, (int)ReturnCode.ChallengeResponse], changed.ReturnCodes);
        Assert.Equal(5, changed.MessageCount);
        Assert.Equal([ListingChange.Listed, ListingChange.CodesChanged], (await HistoryAsync(ip)).Select(h => h.Change));
    }

    [Fact]
    public async Task Serves_listings_of_both_families_with_their_facts_and_leaves_them_out_once_past_their_expiry_before_any_sweep()
    {
        const string v4 = "81.2.69.170", v6 = "2a00:1450:4001:81b::200e";
        foreach (var ip in new[] { v4, v6 })
        {
            await SeeAsync(ip, _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(2));
            await SeeAsync(ip, _second, BackscatterKind.ChallengeResponse, 2, TimeSpan.FromHours(1));
            await Evaluator().EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);
        }

        var listed = await Source().LoadAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(29));
        var later = await Source().LoadAsync(CancellationToken.None);

        Assert.True(listed.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse(v4)), out var v4Facts));
        Assert.True(listed.TryFind(IpNetwork.ToNumber(IPAddress.Parse(v6)), out var v6Facts));
        var expected = new ListingFacts(
            (1u << (int)ReturnCode.Bounce) | (1u << (int)ReturnCode.ChallengeResponse), 4, 2,
            DateOnly.FromDateTime((Start - TimeSpan.FromHours(1)).UtcDateTime).DayNumber);
        Assert.Equal(expected, v4Facts);
        Assert.Equal(expected, v6Facts);
        Assert.False(later.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse(v4)), out _));
        Assert.False(later.TryFind(IpNetwork.ToNumber(IPAddress.Parse(v6)), out _));
    }

    [Fact]
    public async Task Ends_a_listing_when_it_expires_and_records_the_counts_at_the_time()
    {
        const string ip = "81.2.69.163";
        await SeeAsync(ip, _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(2));
        await SeeAsync(ip, _second, BackscatterKind.Bounce, 2, TimeSpan.FromHours(1));
        var evaluator = Evaluator();
        await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(28) - TimeSpan.FromHours(2));
        var notYet = await evaluator.ExpireDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        var expired = await evaluator.ExpireDueAsync(CancellationToken.None);
        var snapshot = await Source().LoadAsync(CancellationToken.None);

        Assert.DoesNotContain(notYet, c => c.Ip.Equals(IPAddress.Parse(ip)));
        var change = Assert.Single(expired, c => c.Ip.Equals(IPAddress.Parse(ip)));
        Assert.Equal(nameof(ListingChange.Expired), change.Change);
        Assert.False(change.IsListed);
        Assert.Empty(change.ReturnCodes);
        Assert.False(snapshot.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse(ip)), out _));
        var history = await HistoryAsync(ip);
        Assert.Equal([ListingChange.Listed, ListingChange.Expired], history.Select(h => h.Change));
        Assert.Equal((4, 2), (history[1].MessageCount, history[1].TenantCount));
        Assert.Equal(Start - TimeSpan.FromHours(1) + TimeSpan.FromDays(28), history[1].ExpiresAt);
    }

    [Fact]
    public async Task Delists_with_the_operators_reason_and_lists_again_only_on_new_backscatter()
    {
        const string ip = "2a01:4f8:c17:1::25";
        await SeeAsync(ip, _first, BackscatterKind.Bounce, 25, TimeSpan.FromHours(1));
        var evaluator = Evaluator();
        await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var delisted = await evaluator.DelistAsync(IPAddress.Parse(ip), "recipient verification turned on", "operator alice", CancellationToken.None);
        var again = await evaluator.DelistAsync(IPAddress.Parse(ip), "twice", "operator alice", CancellationToken.None);
        var stillOut = await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await SeeAsync(ip, _first, BackscatterKind.Bounce, 20, TimeSpan.Zero);
        var relisted = await evaluator.EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);

        Assert.NotNull(delisted);
        Assert.Equal((nameof(ListingChange.Delisted), false), (delisted.Change, delisted.IsListed));
        Assert.Null(again);
        Assert.Null(stillOut);
        Assert.NotNull(relisted);
        Assert.Equal(20, relisted.MessageCount);
        var history = await HistoryAsync(ip);
        Assert.Equal([ListingChange.Listed, ListingChange.Delisted, ListingChange.Listed], history.Select(h => h.Change));
        Assert.Equal("Delisted: recipient verification turned on", history[1].Reason);
        Assert.Equal("operator alice", history[1].Actor);
    }

    [Fact]
    public async Task Withdraws_a_listing_that_the_allowlist_now_covers_and_never_serves_it()
    {
        const string ip = "81.2.69.164";
        await SeeAsync(ip, _first, BackscatterKind.Bounce, 2, TimeSpan.FromHours(2));
        await SeeAsync(ip, _second, BackscatterKind.Bounce, 2, TimeSpan.FromHours(1));
        await Evaluator().EvaluateAsync(IPAddress.Parse(ip), CancellationToken.None);
        var allowing = new ListingPolicyOptions { Allowlist = { "81.2.69.164/32" } };

        var served = await Source(allowing).LoadAsync(CancellationToken.None);
        var withdrawn = await Evaluator(allowing).WithdrawUnlistableAsync(CancellationToken.None);

        Assert.False(served.TryFind((uint)IpNetwork.ToNumber(IPAddress.Parse(ip)), out _));
        var change = Assert.Single(withdrawn);
        Assert.Equal(nameof(ListingChange.Allowlisted), change.Change);
        Assert.Equal([ListingChange.Listed, ListingChange.Allowlisted], (await HistoryAsync(ip)).Select(h => h.Change));
    }
}
