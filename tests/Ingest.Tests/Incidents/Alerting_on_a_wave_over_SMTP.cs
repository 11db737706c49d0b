using System.Text;
using System.Text.Json;

using Backscatter.Domain.Alerts;
using Backscatter.Domain.Contracts;
using Backscatter.Domain.Incidents;
using Backscatter.Ingest.Alerts;
using Backscatter.Ingest.Tests.Alerts;
using Backscatter.Ingest.Tests.Smtp;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using MailKit.Net.Smtp;

using MassTransit;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

namespace Backscatter.Ingest.Tests.Incidents;

/// <summary>
/// The whole way: real bounces over SMTP (MailKit) into the Ingest host, classified through
/// RabbitMQ, counted into an incident in PostgreSQL, and the alert posted to a Slack stand-in.
/// </summary>
public sealed class Alerting_on_a_wave_over_SMTP(Alerting_on_a_wave_over_SMTP.AlertingIngest ingest)
    : IClassFixture<Alerting_on_a_wave_over_SMTP.AlertingIngest>
{
    private static readonly TimeSpan AlertedWithin = TimeSpan.FromSeconds(10);

    // The window (10 s) plus the quiet period (3 s) plus a resolver round (1 s), with room for a loaded machine.
    private static readonly TimeSpan ResolvedWithin = TimeSpan.FromSeconds(40);

    private const string SlackPath = "/ok/services/T000/B000/XXXX";

    /// <summary>
    /// Ingest with a low threshold (5), a short window and quiet period so that the wave also ends
    /// within the test, and the stand-in allowed as a destination.
    /// </summary>
    public sealed class AlertingIngest : IngestWithAWebhookStandIn
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Incidents:Threshold"] = "5",
            ["Incidents:Window"] = "00:00:10",
            ["Incidents:QuietPeriod"] = "00:00:03",
            ["Incidents:ResolveInterval"] = "00:00:01",
        };
    }

    // A different hop id per message: identical messages would be stored once as duplicates.
    private static MimeMessage Bounce(int sequence) => MimeMessage.Load(new MemoryStream(
        ExampleTenant.ForwardedBounce("lhost-postfix-04.eml", $"81.2.69.{160 + sequence}", $"4A1B{sequence:X4}")));

    [Fact]
    public async Task Should_open_an_incident_and_reach_Slack_within_ten_seconds_of_a_burst()
    {
        await using (var db = ingest.Database.CreateContext())
        {
            ExampleTenant.AddMailConfiguration(db, ingest.TenantId);
            await db.SaveChangesAsync();
            await ingest.Services.GetRequiredService<AlertChannelRegistration>()
                .AddAsync(db, ingest.TenantId, "#security", AlertChannelKind.Slack, ingest.StandIn.Url(SlackPath), CancellationToken.None);
        }

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(ingest.Smtp.Address.ToString(), ingest.Smtp.Port, MailKit.Security.SecureSocketOptions.None);
            for (var i = 0; i < 8; i++)
            {
                await smtp.SendAsync(Bounce(i), new MailboxAddress("", ""), [MailboxAddress.Parse(RunningIngest.TenantAddress)]);
            }

            await smtp.DisconnectAsync(quit: true);
        }

        var alerts = await ingest.StandIn.WaitForAsync(SlackPath, 1, AlertedWithin);

        var alert = Assert.Single(alerts);
        using var json = JsonDocument.Parse(alert.Body);
        Assert.StartsWith("Backscatter incident opened at Acme", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        await using var check = ingest.Database.CreateContext();
        var incident = await check.Incidents.AsNoTracking().Include(i => i.Campaigns).SingleAsync(i => i.TenantId == ingest.TenantId);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(5, incident.Threshold);
        Assert.Contains($"/incidents/{incident.Id}", Encoding.UTF8.GetString(alert.Body), StringComparison.Ordinal);
        Assert.NotEmpty(incident.Campaigns);

        // When the wave stops, the resolver's timer resolves the incident and the channel hears of it.
        var both = await ingest.StandIn.WaitForAsync(SlackPath, 2, ResolvedWithin);
        Assert.Equal(2, both.Count);
        using var resolved = JsonDocument.Parse(both[1].Body);
        Assert.StartsWith("Backscatter incident resolved at Acme", resolved.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        await using var after = ingest.Database.CreateContext();
        Assert.Equal(IncidentStatus.Resolved, (await after.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id)).Status);
        Assert.Equal(2, await after.AlertDeliveries.CountAsync(d => d.TenantId == ingest.TenantId && d.Status == AlertDeliveryStatus.Delivered));
    }

    [Fact]
    public async Task Should_send_a_test_alert_when_the_portal_asks_over_the_bus()
    {
        const string path = "/ok/services/T000/B000/TEST";
        await using var owner = ingest.Database.CreateContext();
        var (channel, _) = await ingest.Services.GetRequiredService<AlertChannelRegistration>()
            .AddAsync(owner, ingest.TenantId, "#test-button", AlertChannelKind.Slack, ingest.StandIn.Url(path), CancellationToken.None);

        await ingest.Services.GetRequiredService<IBus>().Publish(new SendTestAlert(ingest.TenantId, channel.Id));

        var requests = await ingest.StandIn.WaitForAsync(path, 1, AlertedWithin);
        Assert.Contains(requests, r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!.StartsWith("Test alert", StringComparison.Ordinal));
    }
}
