using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Testing;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Isolation;

/// <summary>
/// The portal with two tenants, each with an owner who can log in, a report with its raw message,
/// mail settings, a BATV key and an ingest address: what one tenant must never see of the other.
/// </summary>
public sealed partial class TwoTenants : IAsyncLifetime
{
    public const string Password = "a long enough password";

    private WebApplicationFactory<Program>? _web;

    public TestDatabase Database { get; } = new MigratedTestDatabase();

    public TenantData Alpha { get; } = new("Alpha", "owner@alpha.example", "Alpha invoice 4711");

    public TenantData Bravo { get; } = new("Bravo", "owner@bravo.example", "Bravo secret merger");

    public IServiceProvider Services => _web!.Services;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in LocalServices.Settings(Database.ConnectionString, login: HostLogin.Web))
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("AccountMail:PickupDirectory", Path.Combine(Path.GetTempPath(), $"bs-web-mail-{Guid.NewGuid():N}"));
        });
        _ = _web.Services;
        await SeedAsync(Alpha);
        await SeedAsync(Bravo);
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A client logged in as the tenant's owner through the login form (antiforgery token and all).</summary>
    public async Task<HttpClient> LogInAsync(TenantData tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var client = Anonymous();
        using var response = await PostLoginAsync(client, tenant.Email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Logging in as {tenant.Email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    /// <summary>Fills in and posts the login form, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("Account/Login", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryTokenOf(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("Account/Login", UriKind.Relative), body);
    }

    /// <summary>The antiforgery token a static form carries.</summary>
    public static string AntiforgeryTokenOf(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    public HttpClient Anonymous() =>
        _web!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A third tenant with its owner, and nothing set up yet: no mail settings row.</summary>
    public async Task<TenantData> NewTenantAsync(string name)
    {
        var data = new TenantData(name, $"owner-{Guid.NewGuid():N}@{name.ToLowerInvariant()}.example", $"{name} subject");
        await SeedAsync(data, withSettings: false);
        return data;
    }

    private async Task SeedAsync(TenantData data, bool withSettings = true)
    {
        await using (var db = Database.CreateContext())
        {
            var tenant = new Tenant { Id = data.TenantId, Name = data.Name };
            tenant.IngestAddresses.Add(new IngestAddress { TenantId = data.TenantId, Address = $"{data.Name.ToLowerInvariant()}-x7k2@in.backscatter.test" });
            tenant.Domains.Add(new TenantDomain { TenantId = data.TenantId, Name = $"{data.Name.ToLowerInvariant()}.example" });
            db.Tenants.Add(tenant);
            if (withSettings)
            {
                db.TenantMailSettings.Add(new TenantMailSettings { TenantId = data.TenantId, OutboundRelays = [$"smtp.{data.Name.ToLowerInvariant()}.example"] });
            }

            db.TenantBatvKeys.Add(new TenantBatvKey { TenantId = data.TenantId, Number = 1, ProtectedSecret = "not-a-real-secret", IsActive = true });
            db.Reports.Add(ReportOf(data.ReportId, data.TenantId, data.Name, data.Subject));
            await db.SaveChangesAsync();
        }

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var owner = new PortalUser { TenantId = data.TenantId, UserName = data.Email, Email = data.Email, EmailConfirmed = true };
        var created = await users.CreateAsync(owner, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(owner, TenantRoles.Owner);
    }

    /// <summary>A classified backscatter report with its raw message, as the pipeline stores one.</summary>
    public static Report ReportOf(Guid id, Guid tenantId, string tenantName, string subject)
    {
        var raw = Encoding.ASCII.GetBytes($"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered: {subject}\r\n\r\nbody\r\n");
        return new Report
        {
            Id = id,
            TenantId = tenantId,
            ClientIp = IPAddress.Parse("192.0.2.1"),
            Helo = "mx.example.net",
            MailFrom = "",
            RcptTo = [$"{tenantName.ToLowerInvariant()}-x7k2@in.backscatter.test"],
            ReceivedAt = DateTimeOffset.UtcNow,
            Size = raw.Length,
            Sha256 = RawMessage.Sha256(raw),
            RawMessageCompressed = RawMessage.Compress(raw),
            Status = ReportStatus.Classified,
            Kind = MessageKind.DeliveryStatusNotification,
            Judgement = Judgement.Backscatter,
            OriginalSubject = subject,
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
