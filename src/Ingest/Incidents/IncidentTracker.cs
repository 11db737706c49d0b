using System.Globalization;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Feeds a tenant's classified backscatter to the <see cref="IncidentDetector"/> with the tenant's
/// state kept in PostgreSQL. Each call holds the tenant's <c>tenant_activity</c> row lock for one
/// short transaction, so any number of Ingest instances agree on one window and one open incident
/// per tenant. Idempotent: a report already tracked is skipped.
/// </summary>
public sealed class IncidentTracker(IDbContextFactory<BackscatterDbContext> databases, IncidentDetector detector, TimeProvider clock)
{
    /// <summary>How long tracked report ids are kept: far longer than any redelivery can take.</summary>
    public static readonly TimeSpan TrackedReportsKeptFor = TimeSpan.FromDays(1);

    // Campaigns of the window that opened an incident are counted from at most this many reports.
    private const int MaxBackfill = 5000;

    private static readonly string Backscatter = nameof(Judgement.Backscatter);

    /// <summary>Counts the tenant's backscatter reports; returns the incident events it wrote to the outbox, to publish once committed.</summary>
    public async Task<IReadOnlyList<IncidentEvent>> TrackAsync(Guid tenantId, IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (activity, open) = await LockAsync(db, tenantId, cancellationToken);
            var now = clock.GetUtcNow();
            var ids = reportIds.ToArray();
            var fresh = await db.Database
                .SqlQuery<Guid>($"INSERT INTO tracked_reports (report_id, tracked_at) SELECT unnest({ids}), {now} ON CONFLICT DO NOTHING RETURNING report_id AS \"Value\"")
                .ToListAsync(cancellationToken);
            var reports = await db.Reports.AsNoTracking()
                .Where(r => fresh.Contains(r.Id) && r.TenantId == tenantId)
                .OrderBy(r => r.ReceivedAt)
                .Select(r => new ReportFacts(r.Id, r.ReceivedAt, r.OriginalSubject, r.BouncedTo))
                .ToListAsync(cancellationToken);

            var changes = new List<IncidentChange>();
            var tally = new IncidentTally();
            foreach (var report in reports)
            {
                var step = detector.Observe(activity, open, report.ReceivedAt);
                changes.AddRange(step.Changes);
                if (step.Open is { } incident && step.Open != open)
                {
                    db.Incidents.Add(incident);
                }

                open = step.Open;
                if (step.CountedInOpen)
                {
                    tally.Add(open!.Id, report);
                }
            }

            var events = ToOutbox(db, changes, now);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var opened in changes.Where(c => c.Kind == IncidentChangeKind.Opened).Select(c => c.Incident))
            {
                await BackfillAsync(db, opened, tally, cancellationToken);
            }

            await tally.SaveAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return events;
        });
    }

    /// <summary>Moves the tenant's window to now: resolves its incident when it has gone quiet.</summary>
    public async Task<IReadOnlyList<IncidentEvent>> TickAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (activity, open) = await LockAsync(db, tenantId, cancellationToken);
            var step = detector.Tick(activity, open);
            var events = ToOutbox(db, step.Changes, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return events;
        });
    }

    /// <summary>
    /// Resolves the tenant's open incident at a member's request, under the same row lock as the
    /// reports, with the audit entry in the same transaction. Nothing happens when that incident is
    /// not the tenant's open one (another tenant's id, or resolved already).
    /// </summary>
    public async Task<IReadOnlyList<IncidentEvent>> ResolveAsync(ResolveIncident request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (activity, open) = await LockAsync(db, request.TenantId, cancellationToken);
            if (open is null || open.Id != request.IncidentId)
            {
                return [];
            }

            var step = detector.Resolve(activity, open);
            var actor = request.Actor.Length <= Incident.MaxMemberLength ? request.Actor : request.Actor[..Incident.MaxMemberLength];
            open.ResolvedBy = actor;

            db.AuditEntries.Add(new AuditEntry
            {
                TenantId = request.TenantId,
                At = open.ResolvedAt!.Value,
                ActorId = request.ActorId,
                Actor = actor,
                Action = "incidents.incident.resolved",
                Summary = string.Create(CultureInfo.InvariantCulture, $"Resolved the incident opened {open.OpenedAt:yyyy-MM-dd HH:mm:ss} UTC ({open.ReportCount} reports, severity {open.Severity})."),
            });
            var events = ToOutbox(db, step.Changes, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return events;
        });
    }

    /// <summary>The tenants that have an open incident, for the resolver's rounds.</summary>
    public async Task<IReadOnlyList<Guid>> TenantsWithOpenIncidentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open).Select(i => i.TenantId).ToListAsync(cancellationToken);
    }

    public async Task<int> ForgetTrackedReportsAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TrackedReportsKeptFor;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.TrackedReports.Where(t => t.TrackedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<(TenantActivity Activity, Incident? Open)> LockAsync(BackscatterDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        // The first report of a tenant creates its row; every later transaction waits for the row lock.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO tenant_activity (tenant_id, bucket_start, buckets, baseline) VALUES ({tenantId}, {DateTimeOffset.UnixEpoch}, '{{}}', 0) ON CONFLICT DO NOTHING",
            cancellationToken);
        var activity = (await db.TenantActivity
            .FromSql($"SELECT * FROM tenant_activity WHERE tenant_id = {tenantId} FOR UPDATE")
            .ToListAsync(cancellationToken)).Single();
        var open = await db.Incidents.SingleOrDefaultAsync(i => i.TenantId == tenantId && i.Status == IncidentStatus.Open, cancellationToken);
        return (activity, open);
    }

    // The reports of the window that opened the incident belong to it; those of this batch after the opening one are tallied already.
    private static async Task BackfillAsync(BackscatterDbContext db, Incident incident, IncidentTally tally, CancellationToken cancellationToken)
    {
        var counted = tally.ReportsOf(incident.Id).ToArray();
        var window = await db.Reports.AsNoTracking()
            .Where(r => r.TenantId == incident.TenantId
                && r.Judgement == Judgement.Backscatter
                && r.ReceivedAt >= incident.StartedAt
                && r.ReceivedAt <= incident.OpenedAt
                && !counted.Contains(r.Id)
                && db.TrackedReports.Any(t => t.ReportId == r.Id))
            .OrderByDescending(r => r.ReceivedAt)
            .Take(MaxBackfill)
            .Select(r => new ReportFacts(r.Id, r.ReceivedAt, r.OriginalSubject, r.BouncedTo))
            .ToListAsync(cancellationToken);
        foreach (var report in window)
        {
            tally.Add(incident.Id, report);
        }
    }

    // In the transaction of the change: committed with it or not at all, and published from there.
    private static List<IncidentEvent> ToOutbox(BackscatterDbContext db, IEnumerable<IncidentChange> changes, DateTimeOffset now) =>
        [.. changes.Select(c => IncidentOutbox.Add(db, ToEvent(c), now))];

    private static object ToEvent(IncidentChange change)
    {
        var i = change.Incident;
        return change.Kind switch
        {
            IncidentChangeKind.Opened => new IncidentOpened(i.Id, i.TenantId, 1, change.WindowCount, i.Threshold, i.Baseline, i.StartedAt, i.OpenedAt),
            IncidentChangeKind.Escalated => new IncidentEscalated(i.Id, i.TenantId, i.Severity, change.WindowCount, i.ReportCount, change.At),
            _ => new IncidentResolved(i.Id, i.TenantId, i.Severity, i.ReportCount, i.PeakWindowCount, i.OpenedAt, change.At),
        };
    }

    /// <summary>Only backscatter counts towards incidents.</summary>
    public static bool Counts(ReportClassified report) =>
        string.Equals(report?.Judgement, Backscatter, StringComparison.Ordinal);
}
