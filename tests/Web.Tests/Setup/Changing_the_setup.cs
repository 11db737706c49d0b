using System.Security.Claims;

using Backscatter.Domain.Tenancy;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// What the Setup page's handlers do on real PostgreSQL: changes stored with an audit entry in the
/// same commit; viewers and other tenants' ids refused with nothing written; BATV secrets stored
/// encrypted and handed out once.
/// </summary>
public sealed class Changing_the_setup(TwoTenants tenants) : IClassFixture<TwoTenants>
{
    [Fact]
    public async Task Should_store_a_normalised_relay_with_an_audit_entry()
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);

        var result = await SetupAsync(s => s.AddEntryAsync(owner, MailSettingList.OutboundRelays, "  *.Out.Alpha.Example "));

        Assert.Equal(SetupOutcome.Changed, result.Outcome);
        await using var db = tenants.Database.CreateContext();
        var settings = await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId);
        Assert.Contains("*.out.alpha.example", settings.OutboundRelays);
        var audit = await db.AuditEntries.SingleAsync(a => a.TenantId == tenants.Alpha.TenantId && a.Summary.Contains("*.out.alpha.example"));
        Assert.Equal("setup.relay.added", audit.Action);
        Assert.Equal("Added outbound relay *.out.alpha.example.", audit.Summary);
        Assert.Equal(tenants.Alpha.Email, audit.Actor);
    }

    [Fact]
    public async Task Should_add_and_remove_a_domain_each_with_an_audit_entry()
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);

        var added = await SetupAsync(s => s.AddDomainAsync(owner, "Alpha-Mail.Example."));
        var again = await SetupAsync(s => s.AddDomainAsync(owner, "alpha-mail.example"));
        var id = (await SetupAsync(s => s.ReadAsync(owner))).Domains.Single(d => d.Name == "alpha-mail.example").Id;
        var removed = await SetupAsync(s => s.RemoveDomainAsync(owner, id));

        Assert.Equal(SetupOutcome.Changed, added.Outcome);
        Assert.Equal("alpha-mail.example is already one of your domains.", again.Message);
        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        await using var db = tenants.Database.CreateContext();
        Assert.False(await db.TenantDomains.AnyAsync(d => d.Name == "alpha-mail.example"));
        var actions = await db.AuditEntries.Where(a => a.Summary.Contains("alpha-mail.example")).OrderBy(a => a.At).Select(a => a.Action).ToListAsync();
        Assert.Equal(["setup.domain.added", "setup.domain.removed"], actions);
    }

    [Fact]
    public async Task Should_refuse_every_change_of_a_viewer_and_write_nothing()
    {
        var viewer = await ViewerOfAsync(tenants.Alpha);
        var keyId = await KeyIdOfAsync(tenants.Alpha);
        var domainId = await DomainIdOfAsync(tenants.Alpha);
        await using var before = tenants.Database.CreateContext();
        var auditBefore = await before.AuditEntries.CountAsync();

        var results = new[]
        {
            await SetupAsync(s => s.AddEntryAsync(viewer, MailSettingList.AuthorisedSendingIps, "203.0.113.0/24")),
            await SetupAsync(s => s.RemoveEntryAsync(viewer, MailSettingList.OutboundRelays, "smtp.alpha.example")),
            await SetupAsync(s => s.AddDomainAsync(viewer, "viewer.example")),
            await SetupAsync(s => s.RemoveDomainAsync(viewer, domainId)),
            await SetupAsync(s => s.SetAuthoriseFromSpfAsync(viewer, true)),
            await SetupAsync(s => s.RotateBatvKeyAsync(viewer)),
            await SetupAsync(s => s.RemoveBatvKeyAsync(viewer, keyId)),
        };

        Assert.All(results, r => Assert.Equal(SetupOutcome.Denied, r.Outcome));
        Assert.All(results, r => Assert.Null(r.NewBatvSecret));
        Assert.False((await SetupAsync(s => s.ReadAsync(viewer))).CanChange);
        await using var db = tenants.Database.CreateContext();
        var settings = await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId);
        Assert.DoesNotContain("203.0.113.0/24", settings.AuthorisedSendingIps);
        Assert.Contains("smtp.alpha.example", settings.OutboundRelays);
        Assert.False(settings.AuthoriseFromSpf);
        Assert.True(await db.TenantDomains.AnyAsync(d => d.Id == domainId));
        Assert.False(await db.TenantDomains.AnyAsync(d => d.Name == "viewer.example"));
        Assert.True(await db.TenantBatvKeys.AnyAsync(k => k.Id == keyId));
        Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Should_not_find_another_tenants_domain_or_key_by_its_id()
    {
        var alpha = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);
        var bravoDomain = await DomainIdOfAsync(tenants.Bravo);
        var bravoKey = await KeyIdOfAsync(tenants.Bravo);

        var domain = await SetupAsync(s => s.RemoveDomainAsync(alpha, bravoDomain));
        var key = await SetupAsync(s => s.RemoveBatvKeyAsync(alpha, bravoKey));
        var relay = await SetupAsync(s => s.RemoveEntryAsync(alpha, MailSettingList.OutboundRelays, "smtp.bravo.example"));
        var read = await SetupAsync(s => s.ReadAsync(alpha));

        Assert.Equal(SetupOutcome.NotFound, domain.Outcome);
        Assert.Equal(SetupOutcome.NotFound, key.Outcome);
        Assert.Equal(SetupOutcome.NotFound, relay.Outcome);
        Assert.DoesNotContain(read.Domains, d => d.Id == bravoDomain || d.Name.Contains("bravo", StringComparison.Ordinal));
        Assert.DoesNotContain(read.BatvKeys, k => k.Id == bravoKey);
        Assert.DoesNotContain(read.Lists.Values.SelectMany(l => l), e => e.Contains("bravo", StringComparison.Ordinal));
        await using var db = tenants.Database.CreateContext();
        Assert.True(await db.TenantDomains.AnyAsync(d => d.Id == bravoDomain));
        Assert.True(await db.TenantBatvKeys.AnyAsync(k => k.Id == bravoKey));
        Assert.Contains("smtp.bravo.example", (await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Bravo.TenantId)).OutboundRelays);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Summary.Contains("bravo")));
    }

    [Fact]
    public async Task Should_rotate_to_a_new_encrypted_key_and_keep_the_previous_one_checking()
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Bravo.Email);

        var rotated = await SetupAsync(s => s.RotateBatvKeyAsync(owner));
        var removeActive = await SetupAsync(async s => await s.RemoveBatvKeyAsync(owner, (await s.ReadAsync(owner)).BatvKeys.Single(k => k.IsActive).Id));
        var removePrevious = await SetupAsync(async s => await s.RemoveBatvKeyAsync(owner, (await s.ReadAsync(owner)).BatvKeys.Single(k => k.Number == 1).Id));

        Assert.Equal(SetupOutcome.Changed, rotated.Outcome);
        Assert.Equal(2, rotated.NewBatvKeyNumber);
        Assert.Matches("^[0-9a-f]{64}$", rotated.NewBatvSecret);
        Assert.Equal(SetupOutcome.Invalid, removeActive.Outcome);
        Assert.Contains("still checks bounces", removePrevious.Message, StringComparison.Ordinal);
        await using var db = tenants.Database.CreateContext();
        var keys = await db.TenantBatvKeys.Where(k => k.TenantId == tenants.Bravo.TenantId).OrderBy(k => k.Number).ToListAsync();
        Assert.Equal([(1, false), (2, true)], keys.Select(k => (k.Number, k.IsActive)));
        Assert.NotEqual(rotated.NewBatvSecret, keys[1].ProtectedSecret);
        Assert.DoesNotContain(rotated.NewBatvSecret!, keys[1].ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(rotated.NewBatvSecret, tenants.Services.GetRequiredService<TenantSecretProtector>().Unprotect(keys[1].ProtectedSecret));
        var audit = await db.AuditEntries.SingleAsync(a => a.TenantId == tenants.Bravo.TenantId && a.Action == "setup.batv.rotated");
        Assert.Equal("Rotated the BATV signing key from 1 to 2.", audit.Summary);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Summary.Contains(rotated.NewBatvSecret!)));
    }

    [Fact]
    public async Task Should_switch_spf_authorisation_with_an_audit_entry()
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Bravo.Email);

        await SetupAsync(s => s.SetAuthoriseFromSpfAsync(owner, true));

        await using var db = tenants.Database.CreateContext();
        Assert.True((await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Bravo.TenantId)).AuthoriseFromSpf);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.TenantId == tenants.Bravo.TenantId && a.Action == "setup.spf.enabled"));
    }

    private async Task<T> SetupAsync<T>(Func<TenantSetup, Task<T>> use)
    {
        await using var scope = tenants.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TenantSetup>());
    }


    private async Task<ClaimsPrincipal> ViewerOfAsync(TenantData tenant)
    {
        var email = $"viewer-{Guid.NewGuid():N}@{tenant.Name.ToLowerInvariant()}.example";
        await SetupMembers.CreateViewerAsync(tenants.Services, tenant, email);
        return await SetupMembers.PrincipalOfAsync(tenants.Services, email);
    }

    private async Task<Guid> DomainIdOfAsync(TenantData tenant)
    {
        await using var db = tenants.Database.CreateContext();
        return await db.TenantDomains.Where(d => d.TenantId == tenant.TenantId).Select(d => d.Id).FirstAsync();
    }

    private async Task<Guid> KeyIdOfAsync(TenantData tenant)
    {
        await using var db = tenants.Database.CreateContext();
        return await db.TenantBatvKeys.Where(k => k.TenantId == tenant.TenantId).Select(k => k.Id).FirstAsync();
    }
}
