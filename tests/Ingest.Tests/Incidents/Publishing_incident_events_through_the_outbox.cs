using System.Collections.Concurrent;

using Backscatter.Domain.Alerts;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Incidents;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using MassTransit;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

namespace Backscatter.Ingest.Tests.Incidents;

/// <summary>
/// The Ingest host publishing incident events from <c>outbox_messages</c> over RabbitMQ, with the
/// alerts posted to a Slack stand-in: the events a crash or a broker outage left behind go out,
/// under their row's id, and a row published twice alerts once.
/// </summary>
public sealed class Publishing_incident_events_through_the_outbox(Publishing_incident_events_through_the_outbox.OutboxIngest ingest)
    : IClassFixture<Publishing_incident_events_through_the_outbox.OutboxIngest>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Ingest sweeping its outbox every 200 ms for rows older than an hour: a row left behind is
    /// written an hour and more ago, so a test decides which rows the host's sweeper may take. The
    /// quiet-incident resolver waits an hour: its events would reach the tests' channels too.
    /// </summary>
    public sealed class OutboxIngest : IngestWithAWebhookStandIn
    {
        public static readonly TimeSpan LeftBehindFor = TimeSpan.FromHours(2);

        public IncidentOutbox Outbox => Services.GetRequiredService<IncidentOutbox>();

        public IBus Bus => Services.GetRequiredService<IBus>();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Incidents:OutboxSweepInterval"] = "00:00:00.200",
            ["Incidents:OutboxSweepAfter"] = "01:00:00",
            ["Incidents:ResolveInterval"] = "01:00:00",
        };

        /// <summary>A tenant of the test's own (its channels hear only its events) with an open incident.</summary>
        public async Task<Incident> NewTenantWithIncidentAsync()
        {
            var tenantId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            await using var db = Database.CreateContext();
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "Outboxed" });
            var incident = new Incident
            {
                TenantId = tenantId,
                OpenedAt = now,
                StartedAt = now.AddMinutes(-5),
                Threshold = 50,
                ReportCount = 60,
                PeakWindowCount = 60,
                LastReportAt = now,
                LastAboveThresholdAt = now,
            };
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            return incident;
        }

        public async Task<AlertChannel> AddSlackChannelAsync(Guid tenantId, string path)
        {
            await using var owner = Database.CreateContext();
            return (await Services.GetRequiredService<AlertChannelRegistration>()
                .AddAsync(owner, tenantId, "#incidents", AlertChannelKind.Slack, StandIn.Url(path), CancellationToken.None)).Channel;
        }

        /// <summary>Writes the row as a tracker's committed transaction leaves it when the publication after the commit never happened.</summary>
        public async Task<OutboxMessage> LeaveInOutboxAsync(OutboxMessage row)
        {
            await using var db = Database.CreateContext();
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            return row;
        }

        public async Task<bool> IsInOutboxAsync(Guid id)
        {
            await using var db = Database.CreateContext();
            return await db.OutboxMessages.AnyAsync(m => m.Id == id);
        }

        /// <summary>Waits until the row is gone, or the deadline passed; true when it is gone.</summary>
        public async Task<bool> WaitUntilPublishedAsync(Guid id, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (await IsInOutboxAsync(id) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            return !await IsInOutboxAsync(id);
        }

        public async Task<List<AlertDelivery>> DeliveriesToAsync(Guid channelId)
        {
            await using var db = Database.CreateContext();
            return await db.AlertDeliveries.AsNoTracking().Where(d => d.ChannelId == channelId).ToListAsync();
        }
    }

    /// <summary>Counts the bus messages of one type the host's consumers finished, by message id.</summary>
    private sealed class FinishedConsumptions<T> : IConsumeMessageObserver<T>
        where T : class
    {
        private readonly ConcurrentDictionary<Guid, int> _finished = new();

        public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<T> context)
        {
            _finished.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;

        public async Task<int> WaitForAsync(Guid messageId, int count, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (_finished.GetValueOrDefault(messageId) < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            return _finished.GetValueOrDefault(messageId);
        }
    }

    private static OutboxMessage OpeningOf(Incident incident, DateTimeOffset createdAt) =>
        IncidentEvents.ToOutbox(
            new IncidentOpened(incident.Id, incident.TenantId, 1, 60, incident.Threshold, 0, incident.StartedAt, incident.OpenedAt),
            createdAt);

    [Fact]
    public async Task Should_publish_an_event_left_in_the_outbox_under_its_rows_id_and_remove_the_row()
    {
        const string path = "/ok/services/T000/B000/LEFT";
        var incident = await ingest.NewTenantWithIncidentAsync();
        var channel = await ingest.AddSlackChannelAsync(incident.TenantId, path);
        var consumed = new FinishedConsumptions<IncidentOpened>();
        using var observing = ingest.Bus.ConnectConsumeMessageObserver(consumed);

        var row = await ingest.LeaveInOutboxAsync(OpeningOf(incident, DateTimeOffset.UtcNow - OutboxIngest.LeftBehindFor));

        Assert.Equal(1, await consumed.WaitForAsync(row.Id, 1, Within));
        Assert.True(await ingest.WaitUntilPublishedAsync(row.Id, Within));
        Assert.Single(ingest.StandIn.RequestsTo(path));
        var delivery = Assert.Single(await ingest.DeliveriesToAsync(channel.Id));
        Assert.Equal((row.Id, incident.Id, AlertEvent.IncidentOpened, AlertDeliveryStatus.Delivered), (delivery.MessageId, delivery.IncidentId, delivery.Event, delivery.Status));
    }

    [Fact]
    public async Task Should_alert_once_when_a_row_is_published_twice()
    {
        const string path = "/ok/services/T000/B000/TWICE";
        var incident = await ingest.NewTenantWithIncidentAsync();
        var channel = await ingest.AddSlackChannelAsync(incident.TenantId, path);
        var consumed = new FinishedConsumptions<IncidentOpened>();
        using var observing = ingest.Bus.ConnectConsumeMessageObserver(consumed);
        var row = await ingest.LeaveInOutboxAsync(OpeningOf(incident, DateTimeOffset.UtcNow - OutboxIngest.LeftBehindFor));
        Assert.True(await ingest.WaitUntilPublishedAsync(row.Id, Within));

        // Published, but the delete was lost (the host died before its commit): the row comes back.
        await ingest.LeaveInOutboxAsync(new OutboxMessage { Id = row.Id, Type = row.Type, Body = row.Body, CreatedAt = row.CreatedAt });

        Assert.Equal(2, await consumed.WaitForAsync(row.Id, 2, Within));
        Assert.False(await ingest.IsInOutboxAsync(row.Id));
        Assert.Single(ingest.StandIn.RequestsTo(path));
        Assert.Equal(row.Id, Assert.Single(await ingest.DeliveriesToAsync(channel.Id)).MessageId);
    }

    [Fact]
    public async Task Should_publish_the_trackers_events_right_after_the_commit_under_their_outbox_ids()
    {
        const string path = "/ok/services/T000/B000/RESOLVED";
        var incident = await ingest.NewTenantWithIncidentAsync();
        var channel = await ingest.AddSlackChannelAsync(incident.TenantId, path);
        var events = await ingest.Services.GetRequiredService<IncidentTracker>()
            .ResolveAsync(new ResolveIncident(incident.TenantId, incident.Id, null, "admin@tenant.example"), CancellationToken.None);
        var resolved = Assert.Single(events);
        Assert.True(await ingest.IsInOutboxAsync(resolved.MessageId));

        await ingest.Outbox.PublishAsync(ingest.Bus, events, CancellationToken.None);

        Assert.False(await ingest.IsInOutboxAsync(resolved.MessageId));
        Assert.Single(await ingest.StandIn.WaitForAsync(path, 1, Within));
        var delivery = Assert.Single(await ingest.DeliveriesToAsync(channel.Id));
        Assert.Equal((resolved.MessageId, AlertEvent.IncidentResolved), (delivery.MessageId, delivery.Event));
    }

    [Fact]
    public async Task Should_leave_a_row_another_instance_is_publishing_to_that_instance()
    {
        var incident = await ingest.NewTenantWithIncidentAsync();
        // Younger than the host's sweeper waits for: only the calls below take it.
        var row = await ingest.LeaveInOutboxAsync(OpeningOf(incident, DateTimeOffset.UtcNow));

        await using (var other = new NpgsqlConnection(ingest.Database.ConnectionString))
        {
            await other.OpenAsync();
            await using var publishing = await other.BeginTransactionAsync();
            await using var locking = new NpgsqlCommand("SELECT id FROM outbox_messages WHERE id = $1 FOR UPDATE", other, publishing) { Parameters = { new() { Value = row.Id } } };
            Assert.Equal(row.Id, await locking.ExecuteScalarAsync());

            Assert.Equal(0, await ingest.Outbox.PublishLeftOverAsync(ingest.Bus, TimeSpan.Zero, CancellationToken.None));
            await ingest.Outbox.PublishAsync(ingest.Bus, [new IncidentEvent(row.Id, IncidentEvents.FromOutbox(row)!)], CancellationToken.None);
            Assert.True(await ingest.IsInOutboxAsync(row.Id));
        }

        // That instance's transaction ended without deleting it (it failed): the next pass publishes it.
        Assert.Equal(1, await ingest.Outbox.PublishLeftOverAsync(ingest.Bus, TimeSpan.Zero, CancellationToken.None));
        Assert.False(await ingest.IsInOutboxAsync(row.Id));
    }
}
