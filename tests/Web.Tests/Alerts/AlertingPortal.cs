using System.Net;
using System.Security.Claims;
using System.Text;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Testing;
using Backscatter.Web.Alerts;
using Backscatter.Web.Incidents;
using Backscatter.Web.Tests.Hosting;
using Backscatter.Web.Tests.Isolation;

using MassTransit;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Alerts;

/// <summary>
/// The portal and Ingest on one bus, a loopback stand-in for Slack and webhooks that both hosts
/// may reach, and two tenants: Alpha with an owner and a viewer, Bravo with an owner. Incidents
/// open at 5 backscatter reports in the (default, 5-minute) window and do not go quiet on their own
/// during a test.
/// </summary>
public sealed class AlertingPortal : RunningPortal
{
    public const string Password = TwoTenants.Password;

    public WebhookStandIn StandIn { get; private set; } = null!;

    public TenantData Alpha { get; } = new("Alpha", "owner@alpha.example", "Alpha invoice 4711");

    public TenantData Bravo { get; } = new("Bravo", "owner@bravo.example", "Bravo secret merger");

    public string AlphaViewer { get; } = "viewer@alpha.example";

    protected override bool ListensOnLoopback => false;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Incidents:Threshold"] = "5",
        ["Incidents:QuietPeriod"] = "01:00:00",
        ["Alerts:PortalUrl"] = "https://portal.backscatter.test/",
        ["Alerts:AttemptTimeout"] = "00:00:02",
        ["Alerts:TotalTimeout"] = "00:00:06",
        ["Alerts:RetryDelay"] = "00:00:00.050",
        ["Alerts:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{StandIn.EndPoint.Port}",
    };

    public override async Task InitializeAsync()
    {
        StandIn = await WebhookStandIn.StartAsync();
        await base.InitializeAsync();
        await SeedAsync(Alpha, (Alpha.Email, TenantRoles.Owner), (AlphaViewer, TenantRoles.Viewer));
        await SeedAsync(Bravo, (Bravo.Email, TenantRoles.Owner));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StandIn.DisposeAsync();
    }

    /// <summary>The member as the portal's sign-in makes them: the same claims (tenant, roles) a page sees.</summary>
    public async Task<ClaimsPrincipal> MemberAsync(string email)
    {
        await using var scope = WebServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No member {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
    }

    /// <summary>Runs <paramref name="act"/> with the portal's alert channels service of one request scope.</summary>
    public async Task<T> ChannelsAsync<T>(Func<AlertChannels, Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        await using var scope = WebServices.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<AlertChannels>());
    }

    public async Task<T> IncidentsAsync<T>(Func<IncidentResponse, Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        await using var scope = WebServices.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<IncidentResponse>());
    }

    public async Task<HttpClient> LogInAsync(string email)
    {
        var client = CreateClient();
        using var response = await TwoTenants.PostLoginAsync(client, email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Logging in as {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    /// <summary>Stores backscatter reports received now and publishes them as classified, as Ingest's classifier does.</summary>
    public async Task ReportBackscatterAsync(Guid tenantId, int count)
    {
        var reports = new List<Report>();
        await using (var db = Database.CreateContext())
        {
            for (var i = 0; i < count; i++)
            {
                var raw = Encoding.ASCII.GetBytes($"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered: wave {Guid.NewGuid():N}\r\n\r\nbody\r\n");
                var report = new Report
                {
                    TenantId = tenantId,
                    ClientIp = IPAddress.Parse("192.0.2.7"),
                    Helo = "mx.example.net",
                    MailFrom = "",
                    RcptTo = ["wave@in.backscatter.test"],
                    ReceivedAt = DateTimeOffset.UtcNow,
                    Size = raw.Length,
                    Sha256 = RawMessage.Sha256(raw),
                    RawMessageCompressed = RawMessage.Compress(raw),
                    Status = ReportStatus.Classified,
                    Kind = MessageKind.DeliveryStatusNotification,
                    Judgement = Judgement.Backscatter,
                    OriginalSubject = "Your invoice is due",
                    BouncedTo = "billing@alpha.example",
                };
                reports.Add(report);
                db.Reports.Add(report);
            }

            await db.SaveChangesAsync();
        }

        var bus = WebServices.GetRequiredService<IBus>();
        await bus.Publish(new ReportsClassified([.. reports.Select(r =>
            new ReportClassified(r.Id, r.TenantId, nameof(MessageKind.DeliveryStatusNotification), nameof(Judgement.Backscatter), null, r.ReceivedAt, DateTimeOffset.UtcNow))]));
    }

    /// <summary>Polls until <paramref name="holds"/> is true or the deadline passed; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> holds, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(holds);
        var deadline = DateTime.UtcNow + within;
        while (!await holds())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async Task<Incident?> OpenIncidentOfAsync(Guid tenantId)
    {
        await using var db = Database.CreateContext();
        return await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.TenantId == tenantId && i.Status == IncidentStatus.Open);
    }

    /// <summary>The tenant's open incident, made once per fixture (a tenant has at most one).</summary>
    public async Task<Guid> OpenIncidentAsync(Guid tenantId)
    {
        await using var db = Database.CreateContext();
        if (await OpenIncidentOfAsync(tenantId) is { } open)
        {
            return open.Id;
        }

        var incident = new Incident
        {
            TenantId = tenantId,
            OpenedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Threshold = 50,
            ReportCount = 80,
            PeakWindowCount = 80,
            LastReportAt = DateTimeOffset.UtcNow,
            LastAboveThresholdAt = DateTimeOffset.UtcNow,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>The tenant's channel of this name, added by its owner once per fixture.</summary>
    public async Task<Guid> ChannelAsync(TenantData tenant, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var owner = await MemberAsync(tenant.Email);
        if ((await ChannelsAsync(c => c.ListAsync(owner))).FirstOrDefault(c => c.Name == name) is { } existing)
        {
            return existing.Id;
        }

        var added = await ChannelsAsync(c => c.AddAsync(owner, new ChannelDraft { Kind = Domain.Alerts.AlertChannelKind.Webhook, Name = name, Url = StandIn.Url(path) }));
        return added.ChannelId ?? throw new InvalidOperationException(added.Problem);
    }

    private async Task SeedAsync(TenantData data, params (string Email, string Role)[] members)
    {
        await using (var db = Database.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = data.TenantId, Name = data.Name });
            await db.SaveChangesAsync();
        }

        await using var scope = WebServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (email, role) in members)
        {
            var member = new PortalUser { TenantId = data.TenantId, UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(member, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(member, role);
        }
    }
}
