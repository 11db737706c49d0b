using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// The portal looks verified ingest domains up again: a record that still proves ownership renews
/// the confirmation; one that has not for a week (gone, or another owner's token) suspends the
/// domain, with an entry in the tenant's audit log; a failing look-up changes nothing.
/// </summary>
public sealed class Rechecking_verified_ingest_domains(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    [Fact]
    public async Task Should_renew_the_confirmation_of_a_domain_whose_record_still_proves_it()
    {
        var entry = await VerifiedAsync("kept", confirmedDaysAgo: 2);

        var (confirmed, suspended) = await RecheckAsync();

        Assert.Equal((1, 0), (confirmed, suspended));
        var domain = await DomainAsync(entry.Id);
        Assert.NotNull(domain.VerifiedAt);
        Assert.InRange(domain.ConfirmedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Should_keep_a_domain_whose_record_went_missing_less_than_a_week_ago()
    {
        var entry = await VerifiedAsync("grace", confirmedDaysAgo: 3);
        Dns.Txt(entry.RecordName, "v=spf1 -all");

        Assert.Equal((0, 0), await RecheckAsync());
        Assert.NotNull((await DomainAsync(entry.Id)).VerifiedAt);
    }

    [Theory]
    [InlineData("gone", null)]
    [InlineData("new-owner", "backscatter-verify=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Should_suspend_a_domain_whose_record_has_not_proved_it_for_a_week(string label, string? otherValue)
    {
        var entry = await VerifiedAsync(label, confirmedDaysAgo: 8);
        if (otherValue is null)
        {
            Dns.Fail(entry.RecordName, 3); // NXDOMAIN: the record, or the whole domain, is gone
        }
        else
        {
            Dns.Txt(entry.RecordName, otherValue);
        }

        Assert.Equal((0, 1), await RecheckAsync());

        var domain = await DomainAsync(entry.Id);
        Assert.Null(domain.VerifiedAt);
        await using var db = Tenants.Database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "setup.ingest-domain.suspended" && a.Summary.Contains(entry.Name));
        Assert.Equal((Tenants.Alpha.TenantId, "Backscatter.Cloud"), (audit.TenantId, audit.Actor));
        Assert.StartsWith($"Suspended ingest domain {entry.Name}: its TXT record {entry.RecordName} has not proved ownership since ", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_change_nothing_when_the_look_up_fails()
    {
        var entry = await VerifiedAsync("servfail", confirmedDaysAgo: 30);
        Dns.Fail(entry.RecordName, 2);

        Assert.Equal((0, 0), await RecheckAsync());
        Assert.NotNull((await DomainAsync(entry.Id)).VerifiedAt);
    }

    /// <summary>A domain of Alpha's, verified through "Check now", then last confirmed that many days ago; the other tests' domains are confirmed now, so only this one is due.</summary>
    private async Task<IngestDomainEntry> VerifiedAsync(string label, int confirmedDaysAgo)
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = $"{label}.alpha-recheck.example";
        var entry = await AddVerifiedAsync(owner, name);
        await using var db = Tenants.Database.CreateContext();
        await db.IngestDomains.Where(d => d.VerifiedAt != null).ExecuteUpdateAsync(s => s.SetProperty(d => d.ConfirmedAt, DateTimeOffset.UtcNow));
        await db.IngestDomains.Where(d => d.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ConfirmedAt, DateTimeOffset.UtcNow.AddDays(-confirmedDaysAgo)));
        return entry;
    }

    private Task<(int Confirmed, int Suspended)> RecheckAsync() =>
        ActivatorUtilities.CreateInstance<IngestDomainRechecks>(
            Tenants.Services,
            new DnsTxtLookup(Options.Create(IngestDomainDesk.OptionsFor(Dns))),
            Options.Create(IngestDomainDesk.OptionsFor(Dns))).RecheckDueAsync(CancellationToken.None);

    private async Task<Domain.Tenancy.IngestDomain> DomainAsync(Guid id)
    {
        await using var db = Tenants.Database.CreateContext();
        return await db.IngestDomains.AsNoTracking().SingleAsync(d => d.Id == id);
    }
}
