using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Reflectors;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reflectors;

/// <summary>
/// The reflectors page of one tenant: its own servers with its own counts and the feed's listing,
/// never a server only another tenant saw, and never the other tenant's counts for a shared server.
/// </summary>
public sealed class Listing_the_tenants_reflectors(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    private const string Shared = "81.2.69.160";
    private const string AlphaOnly = "81.2.69.170";
    private const string BravoOnly = "81.2.69.180";
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await using var db = tenants.Database.CreateContext();
        if (await db.ReflectorSightings.AnyAsync())
        {
            return;
        }

        var alpha = tenants.Alpha.TenantId;
        var bravo = tenants.Bravo.TenantId;
        db.ReflectorSightings.AddRange(
            Sighting(Shared, alpha, BackscatterKind.Bounce, 6, Hour),
            Sighting(Shared, alpha, BackscatterKind.AutoReply, 2, Hour.AddHours(1)),
            Sighting(Shared, bravo, BackscatterKind.Bounce, 37, Hour.AddHours(2)),
            Sighting(AlphaOnly, alpha, BackscatterKind.Bounce, 7, Hour.AddHours(5)),
            Sighting(BravoOnly, bravo, BackscatterKind.VirusNotice, 9, Hour.AddHours(6)));
        db.Reflectors.AddRange(
            Server(Shared, "mx.shared-reflector.example", "Postfix"),
            Server(AlphaOnly, "mail.alpha-reflector.example", "Exim"),
            Server(BravoOnly, "smtp.bravo-reflector.example", "Microsoft Exchange"));
        db.Listings.AddRange(
            new ListingRecord
            {
                Ip = IPAddress.Parse(Shared),
                IsListed = true,
                ReturnCodes = [2, 3],
                ListedSince = Hour.AddHours(2),
                ExpiresAt = Hour.AddDays(28),
                MessageCount = 45,
                TenantCount = 2,
                Reason = "listed",
                UpdatedAt = Hour,
            },
            new ListingRecord { Ip = IPAddress.Parse(AlphaOnly), IsListed = false, Reason = "below threshold", UpdatedAt = Hour });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_list_the_tenants_reflectors_with_host_software_and_a_link_to_the_lookup()
    {
        var page = await PageOfAsync(tenants.Alpha, "reflectors");

        Assert.Contains("href=\"/lookup/81.2.69.160\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/lookup/81.2.69.170\"", page, StringComparison.Ordinal);
        Assert.Contains("mx.shared-reflector.example", page, StringComparison.Ordinal);
        Assert.Contains("Postfix", page, StringComparison.Ordinal);
        Assert.Contains("mail.alpha-reflector.example", page, StringComparison.Ordinal);
        Assert.Contains("Exim", page, StringComparison.Ordinal);
        Assert.Contains("2 reflectors", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_never_show_a_reflector_only_another_tenant_saw()
    {
        var page = await PageOfAsync(tenants.Alpha, "reflectors");

        Assert.DoesNotContain(BravoOnly, page, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp.bravo-reflector.example", page, StringComparison.Ordinal);
        Assert.DoesNotContain("virus notice", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_only_the_tenants_own_counts_for_a_reflector_both_tenants_saw()
    {
        var alpha = await PageOfAsync(tenants.Alpha, "reflectors");
        var bravo = await PageOfAsync(tenants.Bravo, "reflectors");

        Assert.Contains("6 bounces", alpha, StringComparison.Ordinal);
        Assert.Contains("2 auto-replies", alpha, StringComparison.Ordinal);
        Assert.Contains("<strong>8</strong>", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("37 bounces", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("43 bounces", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>45</strong>", alpha, StringComparison.Ordinal);

        Assert.Contains("37 bounces", bravo, StringComparison.Ordinal);
        Assert.Contains("<strong>37</strong>", bravo, StringComparison.Ordinal);
        Assert.DoesNotContain("6 bounces", bravo, StringComparison.Ordinal);
        Assert.DoesNotContain("auto-repl", bravo, StringComparison.Ordinal);
        Assert.DoesNotContain(AlphaOnly, bravo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_the_feeds_listing_with_its_return_codes_and_period()
    {
        var page = await PageOfAsync(tenants.Alpha, "reflectors");

        Assert.Contains("127.0.0.2, 127.0.0.3", page, StringComparison.Ordinal);
        Assert.Contains("since 2026-11-20 12:00 UTC, until 2026-12-18 10:00 UTC", page, StringComparison.Ordinal);
        Assert.Contains("Not listed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_sort_by_last_seen_unless_asked_to_sort_by_count()
    {
        var byLastSeen = await PageOfAsync(tenants.Alpha, "reflectors");
        var byCount = await PageOfAsync(tenants.Alpha, "reflectors?sort=count");

        Assert.True(Position(byLastSeen, AlphaOnly) < Position(byLastSeen, Shared), "The reflector seen last comes first.");
        Assert.True(Position(byCount, Shared) < Position(byCount, AlphaOnly), "The reflector with the most backscatter comes first.");
    }

    private async Task<string> PageOfAsync(TenantData tenant, string path)
    {
        using var client = await tenants.LogInAsync(tenant);
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    private static int Position(string page, string ip)
    {
        var position = page.IndexOf($"/lookup/{ip}\"", StringComparison.Ordinal);
        Assert.True(position >= 0, $"{ip} is not on the page.");
        return position;
    }

    private static ReflectorSighting Sighting(string ip, Guid tenant, BackscatterKind kind, int count, DateTimeOffset hour) => new()
    {
        Ip = IPAddress.Parse(ip),
        TenantId = tenant,
        Kind = kind,
        Hour = hour,
        Count = count,
        FirstSeen = hour.AddMinutes(5),
        LastSeen = hour.AddMinutes(50),
    };

    private static ReflectorRecord Server(string ip, string host, string software) => new()
    {
        Ip = IPAddress.Parse(ip),
        Host = host,
        MtaSoftware = software,
        FirstSeen = Hour,
        LastSeen = Hour,
    };
}
