using System.Data;
using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;

using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Backscatter.Feed.Listings;

/// <summary>
/// The listing as PostgreSQL has it: the listed rows that have not expired yet, without the addresses
/// the operator's allowlist covers. One query per reconciliation, never per lookup.
/// </summary>
public sealed class DatabaseListingSource(
    IDbContextFactory<BackscatterDbContext> databases,
    ListingPolicy policy,
    TimeProvider clock) : IListingSource
{
    // Rows straight from the reader: materializing a million listings through EF took 1.5-2.0 s and
    // allocated 550 MB per reload (docs/benchmarks.md, "The feed's reload from PostgreSQL"). A failed load
    // is not retried here: the reconciler tries again at its next tick, the listing in memory answering meanwhile.
    private const string ListedRows =
        "SELECT ip, return_codes, message_count, tenant_count, last_seen FROM listings WHERE is_listed AND expires_at > $1";

    // The last load's size, with room to grow, sizes the next one: no doubling as the arrays fill.
    private int _expectedIPv4;

    public async Task<ListingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var builder = new ListingSnapshotBuilder(Volatile.Read(ref _expectedIPv4));
        await using (var command = new NpgsqlCommand(ListedRows, (NpgsqlConnection)db.Database.GetDbConnection()))
        {
            // Expiry by time here too, so that a listing leaves the feed on time even before the sweep records it.
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var ip = reader.GetFieldValue<IPAddress>(0);
                if (!policy.MayList(ip))
                {
                    continue;
                }

                var codes = reader.GetFieldValue<int[]>(1);
                var messages = reader.GetInt32(2);
                var networks = reader.GetInt32(3);
                DateTimeOffset? lastSeen = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
                builder.Add(ip, ListingFacts.From(codes, messages, networks, lastSeen));
            }
        }

        var snapshot = builder.Build((uint)now.ToUnixTimeSeconds());
        var loaded = snapshot.IPv4Addresses.Length;
        Volatile.Write(ref _expectedIPv4, loaded + (loaded / 16));
        return snapshot;
    }
}
