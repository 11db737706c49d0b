using Backscatter.Domain.Listing;
using Backscatter.Domain.Mail;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Verdicts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Counts one backscatter message against its reflector: the hourly sighting the listing policy
/// reads, and the reflector's own record (names, software, totals). Upserts, so that concurrent
/// consumers never lose a count.
/// </summary>
internal static class ReflectorCounts
{
    public static async Task AddAsync(
        BackscatterDbContext db,
        Reflector reflector,
        MtaSoftware software,
        Guid tenantId,
        BackscatterKind kind,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var kindName = kind.ToString();
        var softwareName = software == MtaSoftware.Unknown ? null : software.ToString().ToLowerInvariant();
        // Both upserts in one round trip: the rows they lock stay locked until the commit.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reflector_sightings (ip, tenant_id, kind, hour, count, first_seen, last_seen)
            VALUES ({reflector.Ip}, {tenantId}, {kindName}, {hour}, 1, {now}, {now})
            ON CONFLICT (ip, tenant_id, kind, hour) DO UPDATE
            SET count = reflector_sightings.count + 1,
                last_seen = GREATEST(reflector_sightings.last_seen, EXCLUDED.last_seen);
            INSERT INTO reflectors (ip, host, reporting_mta, mta_software, backscatter_count, first_seen, last_seen)
            VALUES ({reflector.Ip}, {Limit(reflector.Host)}, {Limit(reflector.ReportingMta)}, {softwareName}, 1, {now}, {now})
            ON CONFLICT (ip) DO UPDATE
            SET host = COALESCE(EXCLUDED.host, reflectors.host),
                reporting_mta = COALESCE(EXCLUDED.reporting_mta, reflectors.reporting_mta),
                mta_software = COALESCE(EXCLUDED.mta_software, reflectors.mta_software),
                backscatter_count = reflectors.backscatter_count + 1,
                last_seen = GREATEST(reflectors.last_seen, EXCLUDED.last_seen)
            """,
            cancellationToken);
    }

    private static string? Limit(string? value) => PostgresText.Clean(value, 255);
}
