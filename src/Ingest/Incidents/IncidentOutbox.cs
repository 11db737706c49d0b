using Backscatter.Domain.Persistence;

using MassTransit;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Incidents;

/// <summary>
/// Incident events go out through <c>outbox_messages</c>: the tracker writes them in the transaction
/// of the change, they are published right after the commit, and what a broker outage or a crash
/// left behind is published by <see cref="IncidentOutboxSweeper"/>. A row is published while its
/// lock is held (<c>FOR UPDATE SKIP LOCKED</c>) and deleted in that transaction, so two instances
/// never publish it at the same time. A row published but not deleted goes out again later under the
/// same message id, which the alert consumer recognises (docs/adr/0026).
/// </summary>
public sealed partial class IncidentOutbox(
    IDbContextFactory<BackscatterDbContext> databases,
    TimeProvider clock,
    ILogger<IncidentOutbox> logger)
{
    /// <summary>The most rows one pass of the sweeper publishes.</summary>
    public const int MaxPerPass = 100;

    /// <summary>Adds the event's row to the caller's transaction.</summary>
    internal static IncidentEvent Add(BackscatterDbContext db, object message, DateTimeOffset now)
    {
        var row = IncidentEvents.ToOutbox(message, now);
        db.OutboxMessages.Add(row);
        return new IncidentEvent(row.Id, message);
    }

    /// <summary>Publishes events the tracker has just committed and removes their rows.</summary>
    public async Task PublishAsync(IPublishEndpoint bus, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var ids = events.Select(e => e.MessageId).ToArray();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // A row the sweeper holds is being published by it.
            var locked = (await db.Database
                .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM outbox_messages WHERE id = ANY({ids}) FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken)).ToHashSet();
            foreach (var e in events.Where(e => locked.Contains(e.MessageId)))
            {
                await IncidentEvents.PublishAsync(bus, e, cancellationToken);
            }

            await DeleteAsync(db, locked, transaction);
        });
    }

    /// <summary>Publishes, oldest first, the rows left over for longer than <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> PublishLeftOverAsync(IPublishEndpoint bus, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - olderThan;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE created_at < {before} ORDER BY created_at LIMIT {MaxPerPass} FOR UPDATE SKIP LOCKED")
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var published = new HashSet<Guid>();
            foreach (var row in rows)
            {
                if (IncidentEvents.FromOutbox(row) is not { } message)
                {
                    // Kept for a version that knows it (or for a person to look at); it must not stop the others.
                    LogUnreadable(row.Id, row.Type);
                    continue;
                }

                await IncidentEvents.PublishAsync(bus, new IncidentEvent(row.Id, message), cancellationToken);
                published.Add(row.Id);
            }

            await DeleteAsync(db, published, transaction);
            return published.Count;
        });
    }

    // Once published, the rows go even when the host is stopping: leaving them would only publish them again.
    private static async Task DeleteAsync(BackscatterDbContext db, IReadOnlyCollection<Guid> ids, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        if (ids.Count > 0)
        {
            await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Error, "Outbox message {Id} of type {Type} cannot be read by this version; left in outbox_messages")]
    private partial void LogUnreadable(Guid id, string type);
}
