using System.Net;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Reports;

using Npgsql;

using NpgsqlTypes;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Reads a batch of received reports and writes their classifications back: one query in, one
/// statement out (arrays through <c>unnest</c>), whatever the batch size. Idempotent by report id:
/// only reports still <see cref="ReportStatus.Received"/> are updated, and only those count
/// against their reflectors, in the same statement and transaction, so a batch delivered twice
/// never counts twice.
/// </summary>
public sealed class PostgresClassificationStore(NpgsqlDataSource database)
{
    /// <summary>
    /// Loads the batch's reports that wait for classification (with their raw messages) and, from the
    /// same query, those an earlier delivery classified: that delivery may have stored them and then
    /// failed to announce them (the broker went away between the commit and the publish), and the
    /// redelivery is the only way their announcement still happens.
    /// </summary>
    /// <param name="held">Raw messages this process still holds (<see cref="Storage.UnclassifiedMessages"/>): not read again.</param>
    internal async Task<ReportBatch> LoadAsync(IReadOnlyCollection<Guid> ids, IReadOnlyDictionary<Guid, byte[]>? held, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT id, tenant_id, client_ip, received_at, status = @received,
                   CASE WHEN status = @received AND NOT id = ANY(@held) THEN raw_message END, kind, judgement, reflector_ip, classified_at
            FROM reports WHERE id = ANY(@ids) AND status IN (@received, @classified)
            """,
            connection);
        query.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids.ToArray());
        query.Parameters.AddWithValue("held", NpgsqlDbType.Array | NpgsqlDbType.Uuid, held is null ? Array.Empty<Guid>() : held.Keys.ToArray());
        query.Parameters.AddWithValue("received", NpgsqlDbType.Varchar, nameof(ReportStatus.Received));
        query.Parameters.AddWithValue("classified", NpgsqlDbType.Varchar, nameof(ReportStatus.Classified));
        var waiting = new List<ReportToClassify>(ids.Count);
        var classifiedBefore = new List<ReportClassified>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            var tenantId = reader.GetGuid(1);
            var receivedAt = reader.GetFieldValue<DateTimeOffset>(3);
            if (reader.GetBoolean(4))
            {
                waiting.Add(new ReportToClassify(
                    id,
                    tenantId,
                    reader.GetFieldValue<IPAddress>(2),
                    receivedAt,
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5),
                    held?.GetValueOrDefault(id)));
            }
            else
            {
                classifiedBefore.Add(new ReportClassified(
                    id,
                    tenantId,
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<IPAddress>(8),
                    receivedAt,
                    reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        return new ReportBatch(waiting, classifiedBefore);
    }

    /// <returns>The ids of the reports this call moved to <see cref="ReportStatus.Classified"/>; the others were classified before.</returns>
    internal async Task<IReadOnlySet<Guid>> StoreAsync(IReadOnlyList<ClassifiedReport> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = new HashSet<Guid>();
        if (reports.Count == 0)
        {
            return updated;
        }

        // Rows in id order: two batches that share reports (a redelivery) lock them in the same order.
        var rows = reports.OrderBy(r => r.Report.Id).ToArray();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Every report of a wave counts against the same reflector rows, locked until commit: waiting
        // for the disk there would queue all consumers behind each flush. Without the wait, a crash
        // can undo this commit as a whole; the reports are then Received again, and the sweeper has
        // them classified and counted anew from the raw messages, flushed before their 250s.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        batch.BatchCommands.Add(Update(rows, now));
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The SET's result comes first and has no rows.
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    updated.Add(reader.GetGuid(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    /// <summary>
    /// The update and the reflector counts in one statement: the counts read the rows the update
    /// returned, so they cover exactly the reports this statement classified. Counts are summed per
    /// reflector (a wave repeats the same one) and upserted in key order, one row per key.
    /// </summary>
    private static NpgsqlBatchCommand Update(ClassifiedReport[] rows, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH classified AS (
              UPDATE reports AS r
              SET status = @classified, kind = c.kind, reason = c.reason, judgement = c.judgement, confidence = c.confidence,
                  reflector_ip = c.reflector_ip, reflector_host = c.reflector_host, reporting_mta = c.reporting_mta,
                  mta_software = c.mta_software, bounced_to = c.bounced_to, original_subject = c.original_subject,
                  original_message_id = c.original_message_id, classified_at = @now, details = c.details::jsonb
              FROM unnest(@ids, @kinds, @reasons, @judgements, @confidences, @reflector_ips, @reflector_hosts, @reporting_mtas,
                          @mta_softwares, @bounced_tos, @subjects, @message_ids, @details)
                AS c(id, kind, reason, judgement, confidence, reflector_ip, reflector_host, reporting_mta,
                     mta_software, bounced_to, original_subject, original_message_id, details)
              WHERE r.id = c.id AND r.status = @received
              RETURNING r.id
            ), counted AS (
              SELECT k.* FROM unnest(@count_ids, @count_ips, @count_tenants, @count_kinds, @count_hosts, @count_mtas, @count_softwares)
                WITH ORDINALITY AS k(id, ip, tenant_id, kind, host, reporting_mta, mta_software, n)
              JOIN classified USING (id)
            ), sightings AS (
              INSERT INTO reflector_sightings (ip, tenant_id, kind, hour, count, first_seen, last_seen)
              SELECT ip, tenant_id, kind, @hour, count(*), @now, @now FROM counted
              GROUP BY ip, tenant_id, kind ORDER BY ip, tenant_id, kind
              ON CONFLICT (ip, tenant_id, kind, hour) DO UPDATE
              SET count = reflector_sightings.count + EXCLUDED.count,
                  last_seen = GREATEST(reflector_sightings.last_seen, EXCLUDED.last_seen)
            ), reflectors AS (
              INSERT INTO reflectors (ip, host, reporting_mta, mta_software, backscatter_count, first_seen, last_seen)
              SELECT ip,
                     (array_agg(host ORDER BY n DESC) FILTER (WHERE host IS NOT NULL))[1],
                     (array_agg(reporting_mta ORDER BY n DESC) FILTER (WHERE reporting_mta IS NOT NULL))[1],
                     (array_agg(mta_software ORDER BY n DESC) FILTER (WHERE mta_software IS NOT NULL))[1],
                     count(*), @now, @now
              FROM counted GROUP BY ip ORDER BY ip
              ON CONFLICT (ip) DO UPDATE
              SET host = COALESCE(EXCLUDED.host, reflectors.host),
                  reporting_mta = COALESCE(EXCLUDED.reporting_mta, reflectors.reporting_mta),
                  mta_software = COALESCE(EXCLUDED.mta_software, reflectors.mta_software),
                  backscatter_count = reflectors.backscatter_count + EXCLUDED.backscatter_count,
                  last_seen = GREATEST(reflectors.last_seen, EXCLUDED.last_seen)
            )
            SELECT id FROM classified
            """);
        var p = command.Parameters;
        p.AddWithValue("classified", NpgsqlDbType.Varchar, nameof(ReportStatus.Classified));
        p.AddWithValue("received", NpgsqlDbType.Varchar, nameof(ReportStatus.Received));
        p.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
        p.AddWithValue("hour", NpgsqlDbType.TimestampTz, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));
        p.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, rows.Select(r => r.Report.Id).ToArray());
        p.AddWithValue("kinds", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.Result.Kind.ToString()).ToArray());
        p.AddWithValue("reasons", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.Reason).ToArray());
        p.AddWithValue("judgements", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.Verdict.Judgement.ToString()).ToArray());
        p.AddWithValue("confidences", NpgsqlDbType.Array | NpgsqlDbType.Double, rows.Select(r => r.Verdict.Confidence).ToArray());
        p.AddWithValue("reflector_ips", NpgsqlDbType.Array | NpgsqlDbType.Inet, rows.Select(r => r.Reflector?.Ip).ToArray());
        p.AddWithValue("reflector_hosts", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.ReflectorHost).ToArray());
        p.AddWithValue("reporting_mtas", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.ReportingMta).ToArray());
        p.AddWithValue("mta_softwares", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.MtaSoftware).ToArray());
        p.AddWithValue("bounced_tos", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.BouncedTo).ToArray());
        p.AddWithValue("subjects", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.OriginalSubject).ToArray());
        p.AddWithValue("message_ids", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.OriginalMessageId).ToArray());
        p.AddWithValue("details", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.Details).ToArray());

        var counted = rows.Where(r => r.CountedAs is not null).ToArray();
        p.AddWithValue("count_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, counted.Select(r => r.Report.Id).ToArray());
        p.AddWithValue("count_ips", NpgsqlDbType.Array | NpgsqlDbType.Inet, counted.Select(r => r.Reflector!.Ip).ToArray());
        p.AddWithValue("count_tenants", NpgsqlDbType.Array | NpgsqlDbType.Uuid, counted.Select(r => r.Report.TenantId).ToArray());
        p.AddWithValue("count_kinds", NpgsqlDbType.Array | NpgsqlDbType.Varchar, counted.Select(r => r.CountedAs!.Value.ToString()).ToArray());
        p.AddWithValue("count_hosts", NpgsqlDbType.Array | NpgsqlDbType.Varchar, counted.Select(r => r.ReflectorHost).ToArray());
        p.AddWithValue("count_mtas", NpgsqlDbType.Array | NpgsqlDbType.Varchar, counted.Select(r => PostgresText.Clean(r.Reflector!.ReportingMta, 255)).ToArray());
        p.AddWithValue("count_softwares", NpgsqlDbType.Array | NpgsqlDbType.Varchar, counted.Select(r => r.ReflectorSoftware).ToArray());
        return command;
    }
}
