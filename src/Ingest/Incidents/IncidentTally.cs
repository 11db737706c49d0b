using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// The campaign and per-minute counts of one batch, summed in memory and added to PostgreSQL with
/// one upsert per row, so that concurrent transactions never lose a count.
/// </summary>
internal sealed class IncidentTally
{
    private readonly Dictionary<(Guid Incident, CampaignKey Key), (int Count, DateTimeOffset First, DateTimeOffset Last)> _campaigns = [];
    private readonly Dictionary<(Guid Incident, DateTimeOffset Minute), int> _minutes = [];
    private readonly Dictionary<Guid, List<Guid>> _reports = [];

    public void Add(Guid incidentId, ReportFacts report)
    {
        var key = (incidentId, CampaignKey.Of(report.OriginalSubject, report.BouncedTo));
        _campaigns[key] = _campaigns.TryGetValue(key, out var seen)
            ? (seen.Count + 1, Min(seen.First, report.ReceivedAt), Max(seen.Last, report.ReceivedAt))
            : (1, report.ReceivedAt, report.ReceivedAt);
        var at = report.ReceivedAt.UtcTicks;
        var minute = (incidentId, new DateTimeOffset(at - (at % TimeSpan.TicksPerMinute), TimeSpan.Zero));
        _minutes[minute] = _minutes.GetValueOrDefault(minute) + 1;
        if (!_reports.TryGetValue(incidentId, out var reports))
        {
            _reports[incidentId] = reports = [];
        }

        reports.Add(report.Id);
    }

    public IEnumerable<Guid> ReportsOf(Guid incidentId) => _reports.GetValueOrDefault(incidentId) ?? [];

    public async Task SaveAsync(BackscatterDbContext db, CancellationToken cancellationToken)
    {
        foreach (var ((incident, key), (count, first, last)) in _campaigns)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO incident_campaigns (incident_id, subject, sender_pattern, count, first_seen, last_seen)
                VALUES ({incident}, {key.Subject}, {key.SenderPattern}, {count}, {first}, {last})
                ON CONFLICT (incident_id, subject, sender_pattern) DO UPDATE
                SET count = incident_campaigns.count + EXCLUDED.count,
                    first_seen = LEAST(incident_campaigns.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(incident_campaigns.last_seen, EXCLUDED.last_seen)
                """,
                cancellationToken);
        }

        foreach (var ((incident, minute), count) in _minutes)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO incident_minutes (incident_id, minute, count) VALUES ({incident}, {minute}, {count})
                ON CONFLICT (incident_id, minute) DO UPDATE SET count = incident_minutes.count + EXCLUDED.count
                """,
                cancellationToken);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
