using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;
using Backscatter.Web.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Replica;

/// <summary>
/// The portal with <c>ConnectionStrings:BackscatterReplica</c> set to a database of its own. In
/// production that is PostgreSQL's streaming replica; here a second database with the same schema and
/// different rows, so each test can tell which one a page read: a report only the replica has
/// (replicated), one only the primary has (not replicated yet), and another tenant's on the replica.
/// </summary>
public sealed class PortalOnAReplica : IAsyncLifetime
{
    public const string Email = "owner@replica.example";

    public static readonly IPAddress ListedOnTheReplica = IPAddress.Parse("81.2.69.161");

    private WebApplicationFactory<Program>? _web;

    public TestDatabase Primary { get; } = new MigratedTestDatabase();

    public TestDatabase Replica { get; } = new MigratedTestDatabase();

    public TenantData Tenant { get; } = new("Replica", Email, "Replicated invoice 17");

    /// <summary>On the primary only: written a moment ago, not on the replica yet.</summary>
    public Guid NotYetReplicatedId { get; } = Guid.CreateVersion7();

    public const string NotYetReplicatedSubject = "Fresh invoice 18";

    public TenantData Other { get; } = new("Other", "owner@other.example", "Other tenant's merger");

    public IServiceProvider Services => _web!.Services;

    public async Task InitializeAsync()
    {
        await Primary.InitializeAsync();
        await Replica.InitializeAsync();
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in LocalServices.Settings(Primary.ConnectionString, login: HostLogin.Web))
            {
                b.UseSetting(key, value);
            }

            b.UseSetting($"ConnectionStrings:{ReadReplica.ConnectionStringName}", Replica.ConnectionStringFor(HostLogin.Web));
            b.UseSetting("AccountMail:PickupDirectory", Path.Combine(Path.GetTempPath(), $"bs-web-mail-{Guid.NewGuid():N}"));
        });
        _ = _web.Services;

        await using (var primary = Primary.CreateContext())
        {
            primary.Tenants.Add(new Tenant { Id = Tenant.TenantId, Name = Tenant.Name });
            primary.Reports.Add(TwoTenants.ReportOf(Tenant.ReportId, Tenant.TenantId, Tenant.Name, Tenant.Subject));
            primary.Reports.Add(TwoTenants.ReportOf(NotYetReplicatedId, Tenant.TenantId, Tenant.Name, NotYetReplicatedSubject));
            await primary.SaveChangesAsync();
        }

        await using (var replica = Replica.CreateContext())
        {
            replica.Tenants.Add(new Tenant { Id = Tenant.TenantId, Name = Tenant.Name });
            replica.Tenants.Add(new Tenant { Id = Other.TenantId, Name = Other.Name });
            replica.Reports.Add(TwoTenants.ReportOf(Tenant.ReportId, Tenant.TenantId, Tenant.Name, Tenant.Subject));
            replica.Reports.Add(TwoTenants.ReportOf(Other.ReportId, Other.TenantId, Other.Name, Other.Subject));
            var at = DateTimeOffset.UtcNow;
            replica.Listings.Add(new ListingRecord
            {
                Ip = ListedOnTheReplica,
                IsListed = true,
                ReturnCodes = [2],
                ListedSince = at,
                ExpiresAt = at.AddDays(28),
                LastSeen = at,
                MessageCount = 3,
                TenantCount = 2,
                Reason = "reflected 3 backscatter messages to 2 networks",
                UpdatedAt = at,
            });
            await replica.SaveChangesAsync();
        }

        // Accounts live on the primary only: signing in never reads the replica.
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var owner = new PortalUser { TenantId = Tenant.TenantId, UserName = Email, Email = Email, EmailConfirmed = true };
        var created = await users.CreateAsync(owner, TwoTenants.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(owner, TenantRoles.Owner);
    }

    public async Task<HttpClient> LogInAsync()
    {
        var client = Anonymous();
        using var response = await TwoTenants.PostLoginAsync(client, Email, TwoTenants.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Logging in answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    public HttpClient Anonymous() =>
        _web!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        await Replica.DisposeAsync();
        await Primary.DisposeAsync();
    }
}
