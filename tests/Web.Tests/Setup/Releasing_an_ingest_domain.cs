using Backscatter.Domain.Tenancy;
using Backscatter.Testing;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Alerts;

using MailKit.Net.Smtp;
using MailKit.Security;

using MassTransit;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// The portal and Ingest on one bus: a verified domain that is removed on the Setup page or
/// suspended by the re-check is refused at RCPT right away, though the Ingest has just accepted an
/// address at it and keeps that in its cache for a minute.
/// </summary>
public sealed class Releasing_an_ingest_domain(AlertingPortal portal) : IClassFixture<AlertingPortal>, IAsyncLifetime
{
    // The cache would refuse it after a minute without the release; this bound is a condition, not a measurement.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly DnsStandIn _dns = new();

    [Fact]
    public async Task Should_have_the_ingest_refuse_a_removed_domain_at_rcpt_with_550_5_1_1()
    {
        var domain = await VerifiedDomainAsync("removed", confirmedDaysAgo: 0);
        var address = $"postmaster@{domain.Name}";
        using var smtp = await ConnectAsync();
        await smtp.SendAsync(Bounce(address));

        var owner = await portal.MemberAsync(portal.Alpha.Email);
        SetupResult removed;
        await using (var scope = portal.WebServices.CreateAsyncScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<TenantIngestDomains>().RemoveAsync(owner, domain.Id);
        }

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.Equal((SmtpStatusCode.MailboxUnavailable, "5.1.1"), await RefusalAsync(smtp, address));
    }

    [Fact]
    public async Task Should_have_the_ingest_refuse_a_suspended_domain_at_rcpt_with_550_5_1_1()
    {
        var domain = await VerifiedDomainAsync("suspended", confirmedDaysAgo: 8);
        var address = $"bounces@{domain.Name}";
        using var smtp = await ConnectAsync();
        await smtp.SendAsync(Bounce(address));
        _dns.Fail(IngestDomainVerification.RecordName(domain.Name), 3); // NXDOMAIN: the record is gone

        var options = Options.Create(IngestDomainDesk.OptionsFor(_dns));
        var rechecks = ActivatorUtilities.CreateInstance<IngestDomainRechecks>(portal.WebServices, new DnsTxtLookup(options), options);
        var (_, suspended) = await rechecks.RecheckDueAsync(CancellationToken.None);

        Assert.Equal(1, suspended);
        Assert.Equal((SmtpStatusCode.MailboxUnavailable, "5.1.1"), await RefusalAsync(smtp, address));
    }

    public async Task InitializeAsync()
    {
        // The Ingest's queue for releases is bound once its bus is healthy; a release before that would reach no one.
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await portal.IngestServices.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, ready.Token);
    }

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    /// <summary>A domain of Alpha's, verified and last confirmed that many days ago (the re-check takes those over a day).</summary>
    private async Task<IngestDomain> VerifiedDomainAsync(string label, int confirmedDaysAgo)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-confirmedDaysAgo);
        var domain = new IngestDomain
        {
            TenantId = portal.Alpha.TenantId,
            Name = $"{label}-{Guid.NewGuid():N}.alpha.example",
            CreatedAt = at,
            VerifiedAt = at,
            ConfirmedAt = at,
        };
        await using var db = portal.Database.CreateContext();
        db.IngestDomains.Add(domain);
        await db.SaveChangesAsync();
        return domain;
    }

    private async Task<SmtpClient> ConnectAsync()
    {
        var smtp = new SmtpClient();
        await smtp.ConnectAsync(portal.Smtp.Address.ToString(), portal.Smtp.Port, SecureSocketOptions.None);
        return smtp;
    }

    private static MimeMessage Bounce(string to)
    {
        var message = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = new TextPart("plain") { Text = "This is the mail system." } };
        message.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.example.net"));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    /// <summary>Sends to the address every 100 ms until the Ingest refuses it at RCPT (status and enhanced code), or fails after the bound.</summary>
    private static async Task<(SmtpStatusCode Status, string Code)> RefusalAsync(SmtpClient smtp, string address)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                await smtp.SendAsync(Bounce(address));
            }
            catch (SmtpCommandException refused) when (refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
            {
                return (refused.StatusCode, refused.Message.Split(' ')[0]);
            }

            Assert.True(DateTime.UtcNow < deadline, $"The Ingest still accepted {address} {Bound.TotalSeconds} s after the release.");
            await Task.Delay(100);
        }
    }
}
