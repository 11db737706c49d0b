using System.Globalization;

using Npgsql;

using NpgsqlTypes;

namespace Backscatter.Ingest.Cli;

/// <summary>
/// <c>retry-failed [--tenant ID] [--since TIME] [--dry-run]</c>: after a fix for whatever made
/// classification fail, puts failed reports back to be classified (status Received, failure
/// cleared); the sweeper announces them at its next pass. Reports whose raw message retention has
/// already purged cannot be classified again and stay failed; they are counted.
/// </summary>
internal static class RetryFailedCommand
{
    private const string Usage = "usage: retry-failed [--tenant ID] [--since TIME] [--dry-run]";

    // In slices, so that a million failed reports do not make one long transaction.
    private const int Slice = 5000;

    private const string Filter =
        "status = 'Failed' AND ($1::uuid IS NULL OR tenant_id = $1) AND ($2::timestamptz IS NULL OR received_at >= $2)";

    public static async Task<int> RunAsync(string[] args, string? connectionString, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        Guid? tenant = null;
        DateTimeOffset? since = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenant" when i + 1 < args.Length && Guid.TryParse(args[i + 1], out var id):
                    tenant = id;
                    i++;
                    break;
                case "--since" when i + 1 < args.Length && DateTimeOffset.TryParse(args[i + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                    since = time;
                    i++;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "-h" or "--help":
                    await stderr.WriteLineAsync(Usage);
                    return 0;
                default:
                    await stderr.WriteLineAsync($"not understood: {string.Join(' ', args[i..Math.Min(i + 2, args.Length)])}");
                    await stderr.WriteLineAsync(Usage + " (ID a tenant's id, TIME e.g. 2026-11-27T00:00Z)");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await stderr.WriteLineAsync("ConnectionStrings:Backscatter is not configured (appsettings or ConnectionStrings__Backscatter).");
            return 2;
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        try
        {
            var purged = await CountAsync(database, $"SELECT count(*) FROM reports WHERE {Filter} AND raw_message IS NULL", tenant, since);
            if (dryRun)
            {
                var failed = await CountAsync(database, $"SELECT count(*) FROM reports WHERE {Filter}", tenant, since);
                await stdout.WriteLineAsync($"{failed - purged} failed reports would be classified again; {purged} have no raw message left (retention) and would stay failed.");
                return 0;
            }

            long retried = 0;
            while (true)
            {
                await using var retry = database.CreateCommand(
                    $"UPDATE reports SET status = 'Received', failure = NULL WHERE id IN (SELECT id FROM reports WHERE {Filter} AND raw_message IS NOT NULL LIMIT {Slice})");
                AddFilter(retry, tenant, since);
                var slice = await retry.ExecuteNonQueryAsync();
                retried += slice;
                if (slice < Slice)
                {
                    break;
                }
            }

            await stdout.WriteLineAsync($"{retried} failed reports will be classified again (the sweeper announces them within Ingest:SweepInterval); {purged} have no raw message left (retention) and stay failed.");
            return 0;
        }
        catch (NpgsqlException ex)
        {
            await stderr.WriteLineAsync($"PostgreSQL: {ex.Message}");
            return 1;
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql, Guid? tenant, DateTimeOffset? since)
    {
        await using var count = database.CreateCommand(sql);
        AddFilter(count, tenant, since);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static void AddFilter(NpgsqlCommand command, Guid? tenant, DateTimeOffset? since)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
