using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Reflectors;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Backscatter.Web.Tests.Lookup;

/// <summary>
/// The Web host on a migrated database holding one listed reflector, as the pipeline leaves it: sightings
/// of two tenants whose names and addresses must never show on the public page.
/// </summary>
public sealed class RunningPortal : IAsyncLifetime
{
    public static readonly IPAddress Listed = IPAddress.Parse("81.2.69.160");

    public static readonly DateTimeOffset LastSeen = DateTimeOffset.UtcNow.AddHours(-2);

    public const string SecretTenantName = "Initech Confidential Holdings";

    public const string SecretIngestAddress = "initech-9xk2@in.backscatter.test";

    private WebApplicationFactory<Program>? _host;

    public TestDatabase Database { get; } = new MigratedTestDatabase();

    public Tenant First { get; } = new() { Name = SecretTenantName };

    public Tenant Second { get; } = new() { Name = "Umbrella Secret Labs" };

    public HttpClient CreateClient() => _host!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var db = Database.CreateContext())
        {
            First.IngestAddresses.Add(new IngestAddress { Address = SecretIngestAddress });
            db.Tenants.AddRange(First, Second);
            var hour = new DateTimeOffset(LastSeen.Year, LastSeen.Month, LastSeen.Day, LastSeen.Hour, 0, 0, TimeSpan.Zero);
            db.ReflectorSightings.AddRange(
                new ReflectorSighting { Ip = Listed, TenantId = First.Id, Kind = BackscatterKind.Bounce, Hour = hour, Count = 2, FirstSeen = LastSeen, LastSeen = LastSeen },
                new ReflectorSighting { Ip = Listed, TenantId = Second.Id, Kind = BackscatterKind.AutoReply, Hour = hour, Count = 1, FirstSeen = LastSeen, LastSeen = LastSeen });
            db.Reflectors.Add(new ReflectorRecord
            {
                Ip = Listed,
                Host = "mail.reflector.example",
                MtaSoftware = "postfix",
                BackscatterCount = 3,
                FirstSeen = LastSeen,
                LastSeen = LastSeen,
            });
            db.Listings.Add(new ListingRecord
            {
                Ip = Listed,
                IsListed = true,
                ReturnCodes = [2, 3],
                ListedSince = LastSeen,
                ExpiresAt = LastSeen.AddDays(28),
                LastSeen = LastSeen,
                MessageCount = 3,
                TenantCount = 2,
                Reason = "reflected 3 backscatter messages to 2 networks",
                UpdatedAt = LastSeen,
            });
            db.ListingHistory.Add(new ListingHistoryEntry
            {
                Ip = Listed,
                Change = ListingChange.Listed,
                At = LastSeen,
                Reason = "reflected 3 backscatter messages to 2 networks",
                Actor = ListingHistoryEntry.PolicyActor,
                ReturnCodes = [2, 3],
                MessageCount = 3,
                TenantCount = 2,
            });
            await db.SaveChangesAsync();
        }

        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in LocalServices.Settings(Database.ConnectionString, login: HostLogin.Web))
            {
                b.UseSetting(key, value);
            }
        });
        _ = _host.Services;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
