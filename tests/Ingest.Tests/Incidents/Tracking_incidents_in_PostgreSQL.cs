using System.Data.Common;
using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Incidents;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Ingest.Tests.Incidents;

/// <summary>The tracker on a real database: per-tenant state under a row lock, shared by several instances.</summary>
public sealed class Tracking_incidents_in_PostgreSQL(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    private IncidentTracker NewInstance(params IInterceptor[] interceptors)
    {
        var options = (DbContextOptions<BackscatterDbContext>)new DbContextOptionsBuilder<BackscatterDbContext>().UseBackscatterDatabase(database.ConnectionStringFor(HostLogin.Ingest)).AddInterceptors(interceptors).Options;
        var factory = new PooledDbContextFactory<BackscatterDbContext>(options);
        return new IncidentTracker(factory, new IncidentDetector(new IncidentOptions(), _clock), _clock);
    }

    /// <summary>The tenant's events waiting in the outbox, read back as the sweeper reads them.</summary>
    private async Task<Dictionary<Guid, object>> OutboxOfAsync(Guid tenantId)
    {
        await using var db = database.CreateContext();
        var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
        return rows
            .Select(r => (r.Id, Message: IncidentEvents.FromOutbox(r)))
            .Where(r => r.Message is IncidentOpened o && o.TenantId == tenantId
                || r.Message is IncidentEscalated e && e.TenantId == tenantId
                || r.Message is IncidentResolved v && v.TenantId == tenantId)
            .ToDictionary(r => r.Id, r => r.Message!);
    }

    /// <summary>Fails every commit, as a lost connection or a crash at that moment would.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The commit failed.");
    }

    private async Task<Guid> NewTenantAsync()
    {
        await using var db = database.CreateContext();
        var tenant = new Tenant { Name = "Tracked" };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private async Task<Guid[]> StoreBackscatterAsync(Guid tenantId, int count, string subject = "Invoice 4711", string forgedSender = "x7k2@tenant.example")
    {
        await using var db = database.CreateContext();
        var reports = Enumerable.Range(0, count).Select(i => new Report
        {
            TenantId = tenantId,
            ClientIp = IPAddress.Loopback,
            Helo = "mx1.tenant.example",
            MailFrom = "",
            RcptTo = ["acme@in.backscatter.test"],
            ReceivedAt = _clock.GetUtcNow(),
            Sha256 = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(),
            Status = ReportStatus.Classified,
            Kind = MessageKind.DeliveryStatusNotification,
            Judgement = Judgement.Backscatter,
            OriginalSubject = subject,
            BouncedTo = forgedSender,
        }).ToList();
        db.Reports.AddRange(reports);
        await db.SaveChangesAsync();
        return [.. reports.Select(r => r.Id)];
    }

    [Fact]
    public async Task Should_open_one_incident_when_several_instances_track_one_tenant_at_once()
    {
        var tenant = await NewTenantAsync();
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StoreBackscatterAsync(tenant, 10)));
        var instances = new[] { NewInstance(), NewInstance() };

        var events = (await Task.WhenAll(batches.Select((ids, i) => instances[i % 2].TrackAsync(tenant, ids, CancellationToken.None)))).SelectMany(e => e).Select(e => e.Message).ToList();

        Assert.Single(events.OfType<IncidentOpened>());
        await using var db = database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.TenantId == tenant);
        Assert.Equal(80, incident.ReportCount);
        Assert.Equal(80, incident.PeakWindowCount);
        Assert.Equal(80, (await db.TenantActivity.AsNoTracking().SingleAsync(a => a.TenantId == tenant)).Buckets.Sum());
        Assert.Equal(80, await db.IncidentCampaigns.Where(c => c.IncidentId == incident.Id).SumAsync(c => c.Count));
        Assert.Equal(80, await db.IncidentMinutes.Where(m => m.IncidentId == incident.Id).SumAsync(m => m.Count));
    }

    [Fact]
    public async Task Should_not_count_a_report_twice_when_its_event_is_delivered_again()
    {
        var tenant = await NewTenantAsync();
        var ids = await StoreBackscatterAsync(tenant, 30);
        var tracker = NewInstance();

        await tracker.TrackAsync(tenant, ids, CancellationToken.None);
        await tracker.TrackAsync(tenant, ids, CancellationToken.None);
        var events = await tracker.TrackAsync(tenant, ids, CancellationToken.None);

        Assert.Empty(events);
        await using var db = database.CreateContext();
        Assert.Equal(30, (await db.TenantActivity.AsNoTracking().SingleAsync(a => a.TenantId == tenant)).Buckets.Sum());
        Assert.False(await db.Incidents.AnyAsync(i => i.TenantId == tenant));
    }

    [Fact]
    public async Task Should_group_the_incidents_reports_by_campaign()
    {
        var tenant = await NewTenantAsync();
        var tracker = NewInstance();

        await tracker.TrackAsync(tenant, await StoreBackscatterAsync(tenant, 30, "Invoice 4711 due", "a81zz@tenant.example"), CancellationToken.None);
        await tracker.TrackAsync(tenant, await StoreBackscatterAsync(tenant, 25, "RE: Invoice 815 due", "q9@tenant.example"), CancellationToken.None);
        await tracker.TrackAsync(tenant, await StoreBackscatterAsync(tenant, 15, "Cheap pills", "john.smith@tenant.example"), CancellationToken.None);

        await using var db = database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Campaigns).SingleAsync(i => i.TenantId == tenant);
        var campaigns = incident.Campaigns.OrderByDescending(c => c.Count).Select(c => (c.Subject, c.SenderPattern, c.Count)).ToList();
        Assert.Equal(
            [("invoice # due", "*@tenant.example", 55), ("cheap pills", "john.smith@tenant.example", 15)],
            campaigns);
    }

    [Fact]
    public async Task Should_resolve_a_quiet_incident_when_the_timer_ticks()
    {
        var tenant = await NewTenantAsync();
        var tracker = NewInstance();
        var opened = await tracker.TrackAsync(tenant, await StoreBackscatterAsync(tenant, 60), CancellationToken.None);
        Assert.Single(opened.Select(e => e.Message).OfType<IncidentOpened>());

        // The wave leaves the five-minute window, then fifteen quiet minutes pass.
        _clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Empty(await tracker.TickAsync(tenant, CancellationToken.None));
        Assert.Contains(tenant, await tracker.TenantsWithOpenIncidentsAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var tick = Assert.Single(await tracker.TickAsync(tenant, CancellationToken.None));
        var resolved = Assert.IsType<IncidentResolved>(tick.Message);

        Assert.Equal(60, resolved.ReportCount);
        Assert.Equal(resolved, (await OutboxOfAsync(tenant))[tick.MessageId]);
        await using var db = database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.TenantId == tenant);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(_clock.GetUtcNow(), incident.ResolvedAt);
        Assert.DoesNotContain(tenant, await tracker.TenantsWithOpenIncidentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Should_escalate_and_keep_the_tenants_apart()
    {
        var attacked = await NewTenantAsync();
        var quiet = await NewTenantAsync();
        var tracker = NewInstance();

        var events = (await tracker.TrackAsync(attacked, await StoreBackscatterAsync(attacked, 100), CancellationToken.None)).Select(e => e.Message).ToList();
        await tracker.TrackAsync(quiet, await StoreBackscatterAsync(quiet, 49), CancellationToken.None);

        Assert.Equal([typeof(IncidentOpened), typeof(IncidentEscalated)], events.Select(e => e.GetType()));
        Assert.Equal(2, Assert.IsType<IncidentEscalated>(events[1]).Severity);
        await using var db = database.CreateContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.TenantId == quiet));
    }

    private async Task<(Guid Tenant, Incident Open)> TenantWithOpenIncidentAsync()
    {
        var tenant = await NewTenantAsync();
        var events = await NewInstance().TrackAsync(tenant, await StoreBackscatterAsync(tenant, 60), CancellationToken.None);
        var opened = Assert.Single(events.Select(e => e.Message).OfType<IncidentOpened>());
        await using var db = database.CreateContext();
        return (tenant, await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == opened.IncidentId));
    }

    [Fact]
    public async Task Should_resolve_on_request_with_an_event_an_audit_entry_and_an_empty_window()
    {
        var (tenant, open) = await TenantWithOpenIncidentAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var events = await NewInstance().ResolveAsync(new ResolveIncident(tenant, open.Id, Guid.NewGuid(), "admin@tenant.example"), CancellationToken.None);

        var resolved = Assert.IsType<IncidentResolved>(Assert.Single(events).Message);
        Assert.Equal((open.Id, tenant, 60, _clock.GetUtcNow()), (resolved.IncidentId, resolved.TenantId, resolved.ReportCount, resolved.ResolvedAt));
        Assert.Equal(resolved, (await OutboxOfAsync(tenant))[events[0].MessageId]);
        await using var db = database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == open.Id);
        Assert.Equal((IncidentStatus.Resolved, "admin@tenant.example"), (incident.Status, incident.ResolvedBy));
        Assert.Equal(0, (await db.TenantActivity.AsNoTracking().SingleAsync(a => a.TenantId == tenant)).WindowCount);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.TenantId == tenant);
        Assert.Equal(("incidents.incident.resolved", "admin@tenant.example"), (audit.Action, audit.Actor));

        // The wave goes on below a fresh window's threshold: nothing reopens.
        Assert.Empty(await NewInstance().TrackAsync(tenant, await StoreBackscatterAsync(tenant, 10), CancellationToken.None));
    }

    [Fact]
    public async Task Should_not_resolve_on_request_an_incident_that_is_not_the_tenants_open_one()
    {
        var (tenant, open) = await TenantWithOpenIncidentAsync();
        var (other, _) = await TenantWithOpenIncidentAsync();

        var elsewhere = await NewInstance().ResolveAsync(new ResolveIncident(other, open.Id, null, "attacker@other.example"), CancellationToken.None);
        var unknown = await NewInstance().ResolveAsync(new ResolveIncident(tenant, Guid.NewGuid(), null, "admin@tenant.example"), CancellationToken.None);

        Assert.Empty(elsewhere);
        Assert.Empty(unknown);
        await using var db = database.CreateContext();
        Assert.Equal(IncidentStatus.Open, (await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == open.Id)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.TenantId == tenant || a.TenantId == other));
    }

    [Fact]
    public async Task Should_leave_the_events_in_the_outbox_with_the_incident_they_announce()
    {
        var tenant = await NewTenantAsync();

        var events = await NewInstance().TrackAsync(tenant, await StoreBackscatterAsync(tenant, 100), CancellationToken.None);

        Assert.Equal([typeof(IncidentOpened), typeof(IncidentEscalated)], events.Select(e => e.Message.GetType()));
        var outbox = await OutboxOfAsync(tenant);
        Assert.Equal(events.Count, outbox.Count);
        Assert.All(events, e => Assert.Equal(e.Message, outbox[e.MessageId]));
        await using var db = database.CreateContext();
        Assert.True(await db.Incidents.AnyAsync(i => i.TenantId == tenant));
    }

    [Fact]
    public async Task Should_leave_no_event_in_the_outbox_when_the_transaction_rolls_back()
    {
        var tenant = await NewTenantAsync();
        var ids = await StoreBackscatterAsync(tenant, 100);

        await Assert.ThrowsAsync<InvalidOperationException>(() => NewInstance(new FailingCommit()).TrackAsync(tenant, ids, CancellationToken.None));

        Assert.Empty(await OutboxOfAsync(tenant));
        await using var db = database.CreateContext();
        Assert.False(await db.Incidents.AnyAsync(i => i.TenantId == tenant));

        // The reports were not counted either: tracked again, they open the incident and its events are written.
        var events = await NewInstance().TrackAsync(tenant, ids, CancellationToken.None);
        Assert.Equal(events.Select(e => e.MessageId).Order(), (await OutboxOfAsync(tenant)).Keys.Order());
    }
}
