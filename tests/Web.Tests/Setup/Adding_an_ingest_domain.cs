using Backscatter.Domain.Tenancy;
using Backscatter.Testing;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// Ingest domains (direct MX) added on the Setup page, on real PostgreSQL: stored normalised as a
/// pending claim with a token of its own and an audit entry; refused with the reason, writing
/// nothing, when the name is malformed, the service's own, already verified by another tenant, or
/// one too many.
/// </summary>
public sealed class Adding_an_ingest_domain(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    [Theory]
    [InlineData(" Bounces.Alpha-Direct.Example. ", "bounces.alpha-direct.example")]
    [InlineData("Bücher.Alpha-Direct.Example", "xn--bcher-kva.alpha-direct.example")]
    public async Task Should_store_the_name_normalised_as_a_pending_claim_with_a_fresh_token_and_an_audit_entry(string input, string stored)
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);

        var result = await Desk.AddAsync(owner, input);

        Assert.Equal(SetupOutcome.Changed, result.Outcome);
        var entry = await Desk.EntryAsync(owner, stored);
        Assert.Null(entry.VerifiedAt);
        Assert.Equal($"_backscatter-verify.{stored}", entry.RecordName);
        Assert.Matches("^backscatter-verify=[a-z2-7]{32}$", entry.RecordValue);
        await using var db = Tenants.Database.CreateContext();
        var row = await db.IngestDomains.SingleAsync(d => d.Id == entry.Id);
        Assert.Equal(Tenants.Alpha.TenantId, row.TenantId);
        Assert.DoesNotContain(await db.IngestDomains.Where(d => d.Id != row.Id).Select(d => d.VerificationToken).ToListAsync(), t => t == row.VerificationToken);
        var audit = await db.AuditEntries.SingleAsync(a => a.Summary.Contains(stored));
        Assert.Equal("setup.ingest-domain.added", audit.Action);
        Assert.Equal($"Added ingest domain {stored}, pending verification.", audit.Summary);
        Assert.Equal(Tenants.Alpha.Email, audit.Actor);
    }

    [Theory]
    [InlineData("", "Enter a domain such as example.com.")]
    [InlineData("localhost", "'localhost' is not a domain name")]
    [InlineData("bounces..example.com", "'bounces..example.com' is not a domain name")]
    [InlineData("*.example.com", "'*.example.com' is not a domain name")]
    [InlineData("postmaster@example.com", "'postmaster@example.com' is not a domain name")]
    [InlineData("https://example.com", "'https://example.com' is not a domain name")]
    [InlineData("192.0.2.25", "'192.0.2.25' is not a domain name")]
    [InlineData("-bounces.example.com", "'-bounces.example.com' is not a domain name")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789abcd.example", "is not a domain name")]
    [InlineData("in.backscatter.test", "in.backscatter.test is Backscatter.Cloud's own ingest domain")]
    [InlineData("IN.Backscatter.Test.", "in.backscatter.test is Backscatter.Cloud's own ingest domain")]
    [InlineData("bounces.in.backscatter.test", "bounces.in.backscatter.test is below Backscatter.Cloud's own ingest domain in.backscatter.test")]
    public async Task Should_refuse_a_name_that_is_no_domain_of_the_tenants_with_the_reason_and_write_nothing(string input, string reason)
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var before = await CountsAsync();

        var result = await Desk.AddAsync(owner, input);

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Should_refuse_names_longer_than_dns_allows()
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = string.Join('.', Enumerable.Repeat(new string('a', 50), 5)) + ".example";

        var result = await Desk.AddAsync(owner, name);

        Assert.Equal("Domains are at most 253 characters long.", result.Message);
    }

    [Fact]
    public async Task Should_refuse_a_name_the_tenant_has_already()
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        await Desk.AddAsync(owner, "twice.alpha-direct.example");

        var again = await Desk.AddAsync(owner, "Twice.Alpha-Direct.Example.");

        Assert.Equal(SetupOutcome.Invalid, again.Outcome);
        Assert.Equal("twice.alpha-direct.example is already one of your ingest domains.", again.Message);
        await using var db = Tenants.Database.CreateContext();
        Assert.Equal(1, await db.IngestDomains.CountAsync(d => d.Name == "twice.alpha-direct.example"));
    }

    [Fact]
    public async Task Should_refuse_a_name_another_tenant_has_verified_without_saying_which()
    {
        await using (var seed = Tenants.Database.CreateContext())
        {
            seed.IngestDomains.Add(new IngestDomain { TenantId = Tenants.Bravo.TenantId, Name = "taken.direct.example", VerifiedAt = DateTimeOffset.UtcNow });
            await seed.SaveChangesAsync();
        }

        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var before = await CountsAsync();

        var result = await Desk.AddAsync(owner, "taken.direct.example");

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.Equal("taken.direct.example is verified by another organisation. If the domain is yours, ask them to remove it, or remove their TXT record at _backscatter-verify.taken.direct.example: their claim lapses once it has not been proven for 7 days (looked up daily). Add the domain then.", result.Message);
        Assert.DoesNotContain(Tenants.Bravo.Name, result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Tenants.Bravo.Email, result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Should_refuse_the_twenty_first_domain_of_a_tenant()
    {
        var tenant = await Tenants.NewTenantAsync("Many");
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, tenant.Email);
        for (var i = 0; i < IngestDomain.MaxPerTenant; i++)
        {
            Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(owner, $"d{i}.many-direct.example")).Outcome);
        }

        var result = await Desk.AddAsync(owner, "one-more.many-direct.example");

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.Equal("A tenant has at most 20 ingest domains; remove one first.", result.Message);
        await using var db = Tenants.Database.CreateContext();
        Assert.Equal(20, await db.IngestDomains.CountAsync(d => d.TenantId == tenant.TenantId));
    }

    [Fact]
    public async Task Should_refuse_every_change_of_a_viewer_and_write_nothing()
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        await Desk.AddAsync(owner, "viewer-test.alpha-direct.example");
        var entry = await Desk.EntryAsync(owner, "viewer-test.alpha-direct.example");
        Dns.Txt(entry.RecordName, entry.RecordValue);
        var email = $"viewer-{Guid.NewGuid():N}@alpha.example";
        await SetupMembers.CreateViewerAsync(Tenants.Services, Tenants.Alpha, email);
        var viewer = await SetupMembers.PrincipalOfAsync(Tenants.Services, email);
        var before = await CountsAsync();

        var results = new[]
        {
            await Desk.AddAsync(viewer, "viewer.alpha-direct.example"),
            await Desk.VerifyAsync(viewer, entry.Id),
            await Desk.RemoveAsync(viewer, entry.Id),
        };

        Assert.All(results, r => Assert.Equal(SetupOutcome.Denied, r.Outcome));
        Assert.Contains(await Desk.ReadAsync(viewer), d => d.Id == entry.Id);
        Assert.Equal(before, await CountsAsync());
        await using var db = Tenants.Database.CreateContext();
        Assert.Null((await db.IngestDomains.SingleAsync(d => d.Id == entry.Id)).VerifiedAt);
        Assert.Empty(Dns.Queries);
    }

    [Fact]
    public async Task Should_remove_a_domain_with_an_audit_entry()
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        await Desk.AddAsync(owner, "gone.alpha-direct.example");
        var entry = await Desk.EntryAsync(owner, "gone.alpha-direct.example");

        var removed = await Desk.RemoveAsync(owner, entry.Id);
        var again = await Desk.RemoveAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.Equal(SetupOutcome.NotFound, again.Outcome);
        await using var db = Tenants.Database.CreateContext();
        Assert.False(await db.IngestDomains.AnyAsync(d => d.Id == entry.Id));
        var actions = await db.AuditEntries.Where(a => a.Summary.Contains("gone.alpha-direct.example")).OrderBy(a => a.At).Select(a => a.Action).ToListAsync();
        Assert.Equal(["setup.ingest-domain.added", "setup.ingest-domain.removed"], actions);
    }

    private async Task<(int Domains, int Audit)> CountsAsync()
    {
        await using var db = Tenants.Database.CreateContext();
        return (await db.IngestDomains.CountAsync(), await db.AuditEntries.CountAsync());
    }
}
