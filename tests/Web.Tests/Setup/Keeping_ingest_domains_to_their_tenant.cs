using Backscatter.Domain.Tenancy;
using Backscatter.Testing;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// Ingest domains between tenants: another tenant's claim is invisible and untouchable; a pending
/// claim blocks nobody (a squatter cannot hold a name its owner wants); a verified name belongs to
/// one tenant, and the other claims on it stay pending (docs/adr/0027).
/// </summary>
public sealed class Keeping_ingest_domains_to_their_tenant(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    [Fact]
    public async Task Should_not_let_a_tenant_see_verify_or_remove_another_tenants_domain()
    {
        var alpha = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var bravo = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Bravo.Email);
        await Desk.AddAsync(bravo, "mail.bravo-direct.example");
        var bravos = await Desk.EntryAsync(bravo, "mail.bravo-direct.example");
        Dns.Txt(bravos.RecordName, bravos.RecordValue);

        var read = await Desk.ReadAsync(alpha);
        var verify = await Desk.VerifyAsync(alpha, bravos.Id);
        var remove = await Desk.RemoveAsync(alpha, bravos.Id);

        Assert.DoesNotContain(read, d => d.Id == bravos.Id || d.Name.Contains("bravo", StringComparison.Ordinal));
        Assert.Equal(SetupOutcome.NotFound, verify.Outcome);
        Assert.Equal(SetupOutcome.NotFound, remove.Outcome);
        Assert.Empty(Dns.Queries);
        await using var db = Tenants.Database.CreateContext();
        var row = await db.IngestDomains.SingleAsync(d => d.Id == bravos.Id);
        Assert.Null(row.VerifiedAt);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.TenantId == Tenants.Alpha.TenantId && a.Summary.Contains("bravo-direct")));
    }

    [Fact]
    public async Task Should_let_the_owner_verify_a_name_a_squatter_claimed_first_and_keep_the_squatters_claim_pending()
    {
        var squatter = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Bravo.Email);
        const string Name = "bounces.victim.example";
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(squatter, Name)).Outcome);

        var added = await Desk.AddAsync(owner, Name);
        var owners = await Desk.EntryAsync(owner, Name);
        var squatters = await Desk.EntryAsync(squatter, Name);
        // Even with both values published (the owner's DNS could carry anything), the name is verified once.
        Dns.Txt(owners.RecordName, owners.RecordValue, squatters.RecordValue);
        var verified = await Desk.VerifyAsync(owner, owners.Id);
        var squatterCheck = await Desk.VerifyAsync(squatter, squatters.Id);
        var squatterAgain = await Desk.AddAsync(squatter, "other." + Name);

        Assert.Equal(SetupOutcome.Changed, added.Outcome);
        Assert.NotEqual(owners.RecordValue, squatters.RecordValue);
        Assert.Equal(SetupOutcome.Changed, verified.Outcome);
        Assert.Equal(SetupOutcome.Invalid, squatterCheck.Outcome);
        Assert.Equal($"{Name} is verified by another organisation. If the domain is yours, ask them to remove it, or remove their TXT record at _backscatter-verify.{Name}: their claim lapses once it has not been proven for 7 days (looked up daily). Check it again then.", squatterCheck.Message);
        Assert.Equal(SetupOutcome.Changed, squatterAgain.Outcome);
        await using var db = Tenants.Database.CreateContext();
        var rows = await db.IngestDomains.Where(d => d.Name == Name).ToListAsync();
        Assert.NotNull(rows.Single(d => d.TenantId == Tenants.Bravo.TenantId).VerifiedAt);
        Assert.Null(rows.Single(d => d.TenantId == Tenants.Alpha.TenantId).VerifiedAt);
    }

    [Fact]
    public async Task Should_let_the_pending_claim_be_verified_once_the_other_tenant_removed_the_name()
    {
        var first = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Bravo.Email);
        var second = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        const string Name = "sold.transfer.example";
        await Desk.AddAsync(first, Name);
        await Desk.AddAsync(second, Name);
        var firsts = await Desk.EntryAsync(first, Name);
        var seconds = await Desk.EntryAsync(second, Name);
        Dns.Txt(firsts.RecordName, firsts.RecordValue);
        Assert.Equal(SetupOutcome.Changed, (await Desk.VerifyAsync(first, firsts.Id)).Outcome);

        // The domain changes hands: the first tenant lets it go, the new owner publishes its own token.
        await Desk.RemoveAsync(first, firsts.Id);
        Dns.Txt(seconds.RecordName, seconds.RecordValue);
        var verified = await Desk.VerifyAsync(second, seconds.Id);

        Assert.Equal(SetupOutcome.Changed, verified.Outcome);
        await using var db = Tenants.Database.CreateContext();
        Assert.Equal(Tenants.Alpha.TenantId, (await db.IngestDomains.SingleAsync(d => d.Name == Name)).TenantId);
    }

    [Fact]
    public async Task Should_keep_a_name_verified_for_one_tenant_in_the_database_even_when_a_check_raced_past_the_portal()
    {
        await using var db = Tenants.Database.CreateContext();
        db.IngestDomains.Add(new IngestDomain { TenantId = Tenants.Alpha.TenantId, Name = "raced.example", VerifiedAt = DateTimeOffset.UtcNow });
        db.IngestDomains.Add(new IngestDomain { TenantId = Tenants.Bravo.TenantId, Name = "raced.example" });
        await db.SaveChangesAsync();
        var bravos = await db.IngestDomains.SingleAsync(d => d.Name == "raced.example" && d.TenantId == Tenants.Bravo.TenantId);

        bravos.VerifiedAt = DateTimeOffset.UtcNow;

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
