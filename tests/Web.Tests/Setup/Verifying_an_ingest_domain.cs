using Backscatter.Testing;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// "Check now" on an ingest domain, against a real DNS server on loopback: verified when the TXT
/// record carries the claim's token, otherwise pending with exactly what DNS answered; each check
/// asks DNS again, so a record published after a failed check is seen at once.
/// </summary>
public sealed class Verifying_an_ingest_domain(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    [Fact]
    public async Task Should_verify_the_domain_when_its_txt_record_carries_the_token()
    {
        var (owner, entry) = await ClaimAsync("proven");
        // Other TXT records at the name do not get in the way.
        Dns.Txt(entry.RecordName, "v=spf1 -all", entry.RecordValue);

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Changed, result.Outcome);
        Assert.StartsWith($"{entry.Name} is verified", result.Message, StringComparison.Ordinal);
        Assert.NotNull((await Desk.EntryAsync(owner, entry.Name)).VerifiedAt);
        Assert.Equal([entry.RecordName], Dns.Queries);
        await using var db = Tenants.Database.CreateContext();
        Assert.NotNull((await db.IngestDomains.SingleAsync(d => d.Id == entry.Id)).VerifiedAt);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "setup.ingest-domain.verified" && a.Summary.Contains(entry.Name));
        Assert.Equal($"Verified ingest domain {entry.Name} by its TXT record.", audit.Summary);
        Assert.Equal(Tenants.Alpha.Email, audit.Actor);
    }

    [Fact]
    public async Task Should_say_that_the_record_does_not_exist_and_leave_the_domain_pending()
    {
        var (owner, entry) = await ClaimAsync("nxdomain");

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.StartsWith($"Not verified: {entry.RecordName} does not exist (NXDOMAIN). Publish a TXT record there with the value {entry.RecordValue}, then check again", result.Message, StringComparison.Ordinal);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Fact]
    public async Task Should_say_that_the_name_has_no_txt_record_and_leave_the_domain_pending()
    {
        var (owner, entry) = await ClaimAsync("nodata");
        Dns.Exists(entry.RecordName);

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal($"Not verified: {entry.RecordName} exists but has no TXT record. Publish one with the value {entry.RecordValue}, then check again.", result.Message);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Fact]
    public async Task Should_quote_a_different_value_and_leave_the_domain_pending()
    {
        var (owner, entry) = await ClaimAsync("other-value");
        Dns.Txt(entry.RecordName, "backscatter-verify=someone-elses-token");

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal($"Not verified: the TXT record at {entry.RecordName} says \"backscatter-verify=someone-elses-token\", not {entry.RecordValue}.", result.Message);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Fact]
    public async Task Should_not_take_the_token_inside_a_longer_value()
    {
        var (owner, entry) = await ClaimAsync("longer");
        Dns.Txt(entry.RecordName, entry.RecordValue + "x", "prefix-" + entry.RecordValue);

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Invalid, result.Outcome);
        Assert.Contains($"says \"{entry.RecordValue}x\" and \"prefix-{entry.RecordValue}\"", result.Message, StringComparison.Ordinal);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Theory]
    [InlineData(2, "ServerFailure")]
    [InlineData(5, "Refused")]
    public async Task Should_report_an_error_answer_of_the_name_server_and_leave_the_domain_pending(int responseCode, string said)
    {
        var (owner, entry) = await ClaimAsync($"rcode{responseCode}");
        Dns.Fail(entry.RecordName, responseCode);

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.StartsWith($"Not verified: looking up {entry.RecordName} failed (the name server answered {said}", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed; check again in a moment.", result.Message, StringComparison.Ordinal);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Fact]
    public async Task Should_report_a_name_server_that_does_not_answer_and_leave_the_domain_pending()
    {
        var (owner, entry) = await ClaimAsync("silent");
        Dns.Ignore(entry.RecordName);

        var result = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal($"Not verified: looking up {entry.RecordName} failed (no name server answered within 1000 ms). Nothing was changed; check again in a moment.", result.Message);
        await AssertPendingWithoutAuditAsync(entry);
    }

    [Fact]
    public async Task Should_see_a_record_published_right_after_a_failed_check()
    {
        var (owner, entry) = await ClaimAsync("published-late");
        var first = await Desk.VerifyAsync(owner, entry.Id);

        Dns.Txt(entry.RecordName, entry.RecordValue);
        var second = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Invalid, first.Outcome);
        Assert.Equal(SetupOutcome.Changed, second.Outcome);
        Assert.Equal([entry.RecordName, entry.RecordName], Dns.Queries);
    }

    [Fact]
    public async Task Should_see_a_corrected_record_right_after_a_check_found_a_wrong_one()
    {
        var (owner, entry) = await ClaimAsync("corrected");
        Dns.Txt(entry.RecordName, "backscatter-verify=typo");
        var first = await Desk.VerifyAsync(owner, entry.Id);

        Dns.Txt(entry.RecordName, entry.RecordValue);
        var second = await Desk.VerifyAsync(owner, entry.Id);

        Assert.Equal(SetupOutcome.Invalid, first.Outcome);
        Assert.Equal(SetupOutcome.Changed, second.Outcome);
    }

    [Fact]
    public async Task Should_use_the_name_servers_the_portal_is_configured_with()
    {
        var options = IngestDomainDesk.OptionsFor(Dns);
        Dns.Txt("_backscatter-verify.configured.example", "backscatter-verify=abc");

        var found = await new DnsTxtLookup(Options.Create(options)).LookupAsync("_backscatter-verify.configured.example", CancellationToken.None);

        Assert.Equal(TxtLookupOutcome.Found, found.Outcome);
        Assert.Equal(["backscatter-verify=abc"], found.Values);
        Assert.Equal(new DirectMxOptionsValidator().Validate(null, options), ValidateOptionsResult.Success);
    }

    [Fact]
    public void Should_read_the_name_servers_and_timeout_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DirectMx:NameServers:0"] = "192.0.2.53",
                ["DirectMx:NameServers:1"] = "[2001:db8::53]:5353",
                ["DirectMx:LookupTimeout"] = "00:00:01.5",
            })
            .Build();

        var options = configuration.GetSection(DirectMxOptions.SectionName).Get<DirectMxOptions>()!;

        Assert.Equal(["192.0.2.53", "[2001:db8::53]:5353"], options.NameServers);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.LookupTimeout);
        Assert.Equal("in.backscatter.test", options.MxHost);
        Assert.True(new DirectMxOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("ns1.example.net")]
    [InlineData("192.0.2.300")]
    public void Should_refuse_a_name_server_setting_that_is_no_ip_address(string setting)
    {
        var options = new DirectMxOptions();
        options.NameServers.Add(setting);

        var validation = new DirectMxOptionsValidator().Validate(null, options);

        Assert.True(validation.Failed);
        Assert.Contains(setting, validation.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_join_the_strings_of_a_long_txt_record()
    {
        var long300 = new string('x', 300);
        Dns.Txt("_backscatter-verify.long.example", long300);
        var options = IngestDomainDesk.OptionsFor(Dns);

        var found = await new DnsTxtLookup(Options.Create(options)).LookupAsync("_backscatter-verify.long.example", CancellationToken.None);

        Assert.Equal([long300], found.Values);
    }

    private async Task<(System.Security.Claims.ClaimsPrincipal Owner, IngestDomainEntry Entry)> ClaimAsync(string label)
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = $"{label}.alpha-direct.example";
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(owner, name)).Outcome);
        return (owner, await Desk.EntryAsync(owner, name));
    }

    private async Task AssertPendingWithoutAuditAsync(IngestDomainEntry entry)
    {
        await using var db = Tenants.Database.CreateContext();
        Assert.Null((await db.IngestDomains.SingleAsync(d => d.Id == entry.Id)).VerifiedAt);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "setup.ingest-domain.verified" && a.Summary.Contains(entry.Name)));
        Assert.Contains(entry.RecordName, Dns.Queries);
    }
}
