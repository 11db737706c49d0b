using Backscatter.Domain.Contracts;
using Backscatter.Domain.Tenancy;

using MassTransit;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>A tenant that points the MX of one of its domains at the ingest (direct-MX mode): only a verified domain receives mail.</summary>
public sealed class ReceivingMailAtAnIngestDomain(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    [Fact]
    public async Task Accepts_any_address_at_the_domain_and_attributes_the_message_to_its_tenant()
    {
        var (tenantId, domain) = await AddTenantWithIngestDomainAsync();
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");

        var replies = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<Postmaster@{domain.ToUpperInvariant()}>", "DATA");
        var stored = await smtp.SendDataAsync(SmtpConversation.Ascii("Subject: Delivery Status Notification (Failure)\r\n\r\nbody\r\n"));

        Assert.StartsWith("250 2.1.5 ", replies[1], StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0 OK: queued as ", stored, StringComparison.Ordinal);
        var id = Guid.ParseExact(stored[^32..], "N");
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(tenantId, report.TenantId);
        Assert.Equal([$"postmaster@{domain}"], report.RcptTo);
    }

    [Fact]
    public async Task Refuses_an_address_at_a_domain_whose_ownership_is_still_pending_with_550_5_1_1()
    {
        var (_, domain) = await AddTenantWithIngestDomainAsync(verified: false);
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var reply = await smtp.SendAsync($"RCPT TO:<postmaster@{domain}>");

        Assert.StartsWith("550 5.1.1 ", reply[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attributes_mail_at_a_domain_two_tenants_claimed_to_the_one_that_verified_it()
    {
        var (squatter, domain) = await AddTenantWithIngestDomainAsync(verified: false);
        var owner = new Tenant { Name = "Owner" };
        owner.IngestDomains.Add(new IngestDomain { Name = domain, VerifiedAt = DateTimeOffset.UtcNow });
        await using (var seed = ingest.Database.CreateContext())
        {
            seed.Tenants.Add(owner);
            await seed.SaveChangesAsync();
        }

        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        var replies = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<bounces@{domain}>", "DATA");
        var stored = await smtp.SendDataAsync(SmtpConversation.Ascii("Subject: Undelivered Mail Returned to Sender\r\n\r\nbody\r\n"));

        Assert.StartsWith("250 2.1.5 ", replies[1], StringComparison.Ordinal);
        var id = Guid.ParseExact(stored[^32..], "N");
        await using var db = ingest.Database.CreateContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(owner.Id, report.TenantId);
        Assert.NotEqual(squatter, report.TenantId);
    }

    [Fact]
    public async Task Refuses_an_address_at_a_domain_no_tenant_has_with_550_5_1_1()
    {
        await AddTenantWithIngestDomainAsync();
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        await smtp.SendAsync("MAIL FROM:<>");

        var reply = await smtp.SendAsync($"RCPT TO:<postmaster@unknown-{Guid.NewGuid():N}.example>");

        Assert.StartsWith("550 5.1.1 ", reply[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_address_it_has_just_accepted_with_550_5_1_1_once_its_domain_is_released()
    {
        var (tenantId, domain) = await AddTenantWithIngestDomainAsync();
        var address = $"postmaster@{domain}";
        await using var smtp = await SmtpConversation.OpenAsync(ingest.Smtp);
        await smtp.SendAsync("EHLO mx.example.net");
        var accepted = await smtp.PipelineAsync("MAIL FROM:<>", $"RCPT TO:<{address}>", "DATA");
        await smtp.SendDataAsync(SmtpConversation.Ascii("Subject: Delivery Status Notification (Failure)\r\n\r\nbody\r\n"));

        // What the portal does on removal: the row goes, then the release is announced.
        await using (var db = ingest.Database.CreateContext())
        {
            await db.IngestDomains.Where(d => d.Name == domain).ExecuteDeleteAsync();
        }

        using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await ingest.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, ready.Token);
        }

        await ingest.Services.GetRequiredService<IBus>().Publish(new IngestDomainReleased(domain, tenantId, IngestDomainRelease.Removed, DateTimeOffset.UtcNow));

        // The address is cached as the tenant's for a minute; only the release makes it ask again within this bound.
        var refused = await RcptUntilRefusedAsync(smtp, address, within: TimeSpan.FromSeconds(5));

        Assert.StartsWith("250 2.1.5 ", accepted[1], StringComparison.Ordinal);
        Assert.StartsWith("550 5.1.1 ", refused, StringComparison.Ordinal);
    }

    /// <summary>Asks for the recipient in a new transaction every 100 ms until it is refused or the bound passes; the last reply.</summary>
    private static async Task<string> RcptUntilRefusedAsync(SmtpConversation smtp, string address, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var reply = (await smtp.PipelineAsync("RSET", "MAIL FROM:<>", $"RCPT TO:<{address}>"))[2];
            if (reply.StartsWith('5') || DateTime.UtcNow > deadline)
            {
                return reply;
            }

            await Task.Delay(100);
        }
    }

    private async Task<(Guid TenantId, string Domain)> AddTenantWithIngestDomainAsync(bool verified = true)
    {
        var domain = $"bounces-{Guid.NewGuid():N}.example.com";
        var tenant = new Tenant { Name = "Direct MX" };
        tenant.IngestDomains.Add(new IngestDomain { Name = domain, VerifiedAt = verified ? DateTimeOffset.UtcNow : null });
        await using var db = ingest.Database.CreateContext();
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return (tenant.Id, domain);
    }
}
