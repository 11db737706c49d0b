extern alias ingest;

using System.Security.Claims;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;
using Backscatter.Web.Tests.Team;

using DnsClient;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

using DnsSpfLookup = ingest::Backscatter.Ingest.Classification.DnsSpfLookup;
using TenantMailConfigurations = ingest::Backscatter.Ingest.Classification.TenantMailConfigurations;

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
    public async Task Should_keep_every_entry_when_several_are_added_to_one_list_at_the_same_moment()
    {
        // A tenant of its own: its first changes also create its settings row, at the same moment.
        var tenant = await tenants.NewTenantAsync("Together");
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenant.Email);
        var patterns = Enumerable.Range(0, 8).Select(i => $"together{i}-*@lists.alpha.example").ToArray();

        var results = await Task.WhenAll(patterns.Select(p => Task.Run(() => SetupAsync(s => s.AddEntryAsync(owner, MailSettingList.VerpPatterns, p)))));

        Assert.All(results, r => Assert.Equal(SetupOutcome.Changed, r.Outcome));
        await using var db = tenants.Database.CreateContext();
        var settings = await db.TenantMailSettings.AsNoTracking().SingleAsync(s => s.TenantId == tenant.TenantId);
        Assert.All(patterns, p => Assert.Contains(p, settings.VerpPatterns));
    }

    [Theory]
    [InlineData(MailSettingList.VerpPatterns, " Bounces+*@Lists.Alpha.Example ", "bounces+*@lists.alpha.example", "verp-pattern", "VERP pattern")]
    [InlineData(MailSettingList.DkimSelectors, "S2026", "s2026", "dkim-selector", "DKIM selector")]
    public async Task Should_add_and_remove_verp_patterns_and_dkim_selectors_each_with_an_audit_entry(
        MailSettingList list, string input, string stored, string actionNoun, string entryNoun)
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);

        var added = await SetupAsync(s => s.AddEntryAsync(owner, list, input));
        var read = await SetupAsync(s => s.ReadAsync(owner));
        var again = await SetupAsync(s => s.AddEntryAsync(owner, list, stored.ToUpperInvariant()));
        var removed = await SetupAsync(s => s.RemoveEntryAsync(owner, list, stored));

        Assert.Equal(SetupOutcome.Changed, added.Outcome);
        Assert.Contains(stored, read.Lists[list]);
        Assert.Equal($"{stored} is already in the list.", again.Message);
        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        await using var db = tenants.Database.CreateContext();
        var settings = await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId);
        Assert.DoesNotContain(stored, MailSettingEntries.Of(settings, list));
        var audit = await db.AuditEntries.Where(a => a.TenantId == tenants.Alpha.TenantId && a.Action.StartsWith($"setup.{actionNoun}.")).OrderBy(a => a.At).ToListAsync();
        Assert.Equal([$"setup.{actionNoun}.added", $"setup.{actionNoun}.removed"], audit.Select(a => a.Action));
        Assert.Equal([$"Added {entryNoun} {stored}.", $"Removed {entryNoun} {stored}."], audit.Select(a => a.Summary));
        Assert.All(audit, a => Assert.Equal(tenants.Alpha.Email, a.Actor));
    }

    [Theory]
    [InlineData(MailSettingList.VerpPatterns, "*@alpha.example", "'*@alpha.example' matches every address of its domain, backscatter included; write the fixed part of your return path too, such as bounces+*@alpha.example.")]
    [InlineData(MailSettingList.VerpPatterns, "bounces@lists.alpha.example", "'bounces@lists.alpha.example' has no *")]
    [InlineData(MailSettingList.DkimSelectors, "s1._domainkey.alpha.example", "Enter only the selector, the part before ._domainkey: s1.")]
    [InlineData(MailSettingList.DkimSelectors, "s=s1", "'s=s1' is not a DKIM selector")]
    public async Task Should_refuse_an_invalid_verp_pattern_or_dkim_selector_with_its_reason_and_write_nothing(MailSettingList list, string input, string reason)
    {
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);
        await using var before = tenants.Database.CreateContext();
        var auditBefore = await before.AuditEntries.CountAsync();
        var listBefore = MailSettingEntries.Of(await before.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId), list);

        var result = await SetupAsync(s => s.AddEntryAsync(owner, list, input));

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.StartsWith(reason, result.Message, StringComparison.Ordinal);
        await using var db = tenants.Database.CreateContext();
        Assert.Equal(listBefore, MailSettingEntries.Of(await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Alpha.TenantId), list));
        Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Should_keep_each_tenants_verp_patterns_and_dkim_selectors_to_itself()
    {
        var alpha = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Alpha.Email);
        var bravo = await SetupMembers.PrincipalOfAsync(tenants.Services, tenants.Bravo.Email);
        await SetupAsync(s => s.AddEntryAsync(bravo, MailSettingList.VerpPatterns, "return+*@news.second.example"));
        await SetupAsync(s => s.AddEntryAsync(bravo, MailSettingList.DkimSelectors, "second2026"));

        var verp = await SetupAsync(s => s.RemoveEntryAsync(alpha, MailSettingList.VerpPatterns, "return+*@news.second.example"));
        var dkim = await SetupAsync(s => s.RemoveEntryAsync(alpha, MailSettingList.DkimSelectors, "second2026"));
        var read = await SetupAsync(s => s.ReadAsync(alpha));

        Assert.Equal(SetupOutcome.NotFound, verp.Outcome);
        Assert.Equal(SetupOutcome.NotFound, dkim.Outcome);
        Assert.DoesNotContain(read.Lists.Values.SelectMany(l => l), e => e.Contains("second", StringComparison.Ordinal));
        await using var db = tenants.Database.CreateContext();
        var settings = await db.TenantMailSettings.SingleAsync(s => s.TenantId == tenants.Bravo.TenantId);
        Assert.Contains("return+*@news.second.example", settings.VerpPatterns);
        Assert.Contains("second2026", settings.DkimSelectors);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.TenantId == tenants.Alpha.TenantId && a.Summary.Contains("second")));
    }

    [Fact]
    public async Task Should_hand_a_saved_verp_pattern_and_dkim_selector_to_the_verdict_rules()
    {
        // A tenant of its own: the seeded ones carry a BATV key whose stored secret is no real ciphertext.
        var tenant = await tenants.AddTenantAsync();
        var owner = await SetupMembers.PrincipalOfAsync(tenants.Services, tenant.OwnerEmail);
        await SetupAsync(s => s.AddEntryAsync(owner, MailSettingList.VerpPatterns, "Newsletter-*@News.Example"));
        await SetupAsync(s => s.AddEntryAsync(owner, MailSettingList.DkimSelectors, "News-K1"));

        // What the classifier reads for the tenant, straight from the database.
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var configurations = new TenantMailConfigurations(
            tenants.Services.GetRequiredService<IDbContextFactory<BackscatterDbContext>>(),
            tenants.Services.GetRequiredService<TenantSecretProtector>(),
            new SpfSendingNetworks(new DnsSpfLookup(new LookupClient()), TimeProvider.System),
            cache);
        var configuration = await configurations.GetAsync(tenant.Id, CancellationToken.None);

        Assert.True(configuration.MatchesVerp("newsletter-carol=example.org@news.example"));
        Assert.False(configuration.MatchesVerp("carol@news.example"));
        Assert.Equal(["news-k1"], configuration.DkimSelectors);
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
            await SetupAsync(s => s.AddEntryAsync(viewer, MailSettingList.VerpPatterns, "viewer+*@alpha.example")),
            await SetupAsync(s => s.AddEntryAsync(viewer, MailSettingList.DkimSelectors, "viewer1")),
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
        Assert.DoesNotContain("viewer+*@alpha.example", settings.VerpPatterns);
        Assert.DoesNotContain("viewer1", settings.DkimSelectors);
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
