using System.Globalization;
using System.Security.Claims;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Onboarding;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Setup;

/// <summary>
/// A tenant's ingest domains (direct MX): added as pending claims, verified by a TXT record with
/// the claim's token, removed. Changes are checked like the rest of the setup
/// (<see cref="TenantSetup.CanChangeAsync"/>), go through the member's tenant-restricted context
/// and write their audit entry in the same SaveChanges. Whether another tenant has verified a name
/// is the one thing read across tenants, as a yes or no (docs/adr/0027). Removing a verified domain
/// is announced to the Ingest instances once it is committed (<see cref="IngestDomainReleases"/>).
/// </summary>
public sealed class TenantIngestDomains(
    TenantDatabase tenants,
    TenantSetup setup,
    IDomainTxtLookup dns,
    IOptions<DirectMxOptions> directMx,
    IOptions<OnboardingOptions> onboarding,
    IngestDomainReleases releases,
    TimeProvider clock)
{
    /// <summary>The host the tenants' MX records name.</summary>
    public string MxHost => directMx.Value.MxHost;

    public async Task<IReadOnlyList<IngestDomainEntry>> ReadAsync(ClaimsPrincipal user)
    {
        await using var db = tenants.Open(user);
        var domains = await db.IngestDomains.AsNoTracking().OrderBy(d => d.Name).ToListAsync();
        return [.. domains.Select(d => new IngestDomainEntry(
            d.Id, d.Name, d.CreatedAt, d.VerifiedAt,
            IngestDomainVerification.RecordName(d.Name), IngestDomainVerification.RecordValue(d.VerificationToken)))];
    }

    /// <summary>Checks an entered name as the page does before sending it; the server checks it again.</summary>
    public SettingEntryCheck Check(string? input) => IngestDomainNames.Check(input, [onboarding.Value.IngestDomain, directMx.Value.MxHost]);

    public async Task<SetupResult> AddAsync(ClaimsPrincipal user, string? input)
    {
        if (!await setup.CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        var check = Check(input);
        if (!check.IsValid)
        {
            return SetupResult.Invalid(check.Error!);
        }

        var name = check.Value!;
        await using var db = tenants.Open(user);
        var names = await db.IngestDomains.Select(d => d.Name).ToListAsync();
        if (names.Contains(name, StringComparer.Ordinal))
        {
            return SetupResult.Invalid($"{name} is already one of your ingest domains.");
        }

        if (names.Count >= IngestDomain.MaxPerTenant)
        {
            return SetupResult.Invalid($"A tenant has at most {IngestDomain.MaxPerTenant} ingest domains; remove one first.");
        }

        if (await IsVerifiedElsewhereAsync(db, user, name))
        {
            return VerifiedElsewhere(name, "Add the domain then.");
        }

        var now = clock.GetUtcNow();
        db.IngestDomains.Add(new IngestDomain { TenantId = TenantClaims.TenantIdOf(user), Name = name, CreatedAt = now });
        db.AuditEntries.Add(Actor.Of(user).Did("setup.ingest-domain.added", $"Added ingest domain {name}, pending verification.", now));
        return await SaveAsync(db, $"Added {name}: publish its TXT record, then check it.", name);
    }

    /// <summary>
    /// Looks the claim's TXT record up now and marks the domain verified when it carries the token;
    /// otherwise says exactly what was found.
    /// </summary>
    public async Task<SetupResult> VerifyAsync(ClaimsPrincipal user, Guid domainId, CancellationToken cancellationToken = default)
    {
        if (!await setup.CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        // The tenant filter makes another tenant's domain indistinguishable from none.
        var domain = await db.IngestDomains.FirstOrDefaultAsync(d => d.Id == domainId, cancellationToken);
        if (domain is null)
        {
            return SetupResult.NotFound;
        }

        if (domain.VerifiedAt is { } since)
        {
            return SetupResult.Changed($"{domain.Name} is verified since {Time(since)}.");
        }

        var record = IngestDomainVerification.RecordName(domain.Name);
        var expected = IngestDomainVerification.RecordValue(domain.VerificationToken);
        var found = await dns.LookupAsync(record, cancellationToken);
        if (!found.Proves(domain.VerificationToken))
        {
            return SetupResult.Invalid(NotProven(record, expected, found));
        }

        if (await IsVerifiedElsewhereAsync(db, user, domain.Name))
        {
            return VerifiedElsewhere(domain.Name, "Check it again then.");
        }

        var now = clock.GetUtcNow();
        domain.VerifiedAt = now;
        domain.ConfirmedAt = now;
        db.AuditEntries.Add(Actor.Of(user).Did("setup.ingest-domain.verified", $"Verified ingest domain {domain.Name} by its TXT record.", now));
        return await SaveAsync(db, $"{domain.Name} is verified: mail to any address at it is yours once its MX points at {MxHost}.", domain.Name);
    }

    public async Task<SetupResult> RemoveAsync(ClaimsPrincipal user, Guid domainId)
    {
        if (!await setup.CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        var domain = await db.IngestDomains.FirstOrDefaultAsync(d => d.Id == domainId);
        if (domain is null)
        {
            return SetupResult.NotFound;
        }

        var now = clock.GetUtcNow();
        db.IngestDomains.Remove(domain);
        db.AuditEntries.Add(Actor.Of(user).Did("setup.ingest-domain.removed", $"Removed ingest domain {domain.Name}.", now));
        var result = await SaveAsync(db, $"Removed {domain.Name}.", domain.Name);
        if (result.Outcome == SetupOutcome.Changed && domain.VerifiedAt is not null)
        {
            // Only after the commit, and a failure to announce does not undo the removal (logged).
            await releases.AnnounceAsync(new(domain.Name, domain.TenantId, IngestDomainRelease.Removed, now));
        }

        return result;
    }

    /// <summary>What the look-up found instead of the record that proves ownership, in words the tenant can act on.</summary>
    private static string NotProven(string record, string expected, TxtLookup found) => found.Outcome switch
    {
        TxtLookupOutcome.NoSuchName => $"Not verified: {record} does not exist (NXDOMAIN). Publish a TXT record there with the value {expected}, then check again; new records can take a few minutes to reach every resolver.",
        TxtLookupOutcome.NoRecord => $"Not verified: {record} exists but has no TXT record. Publish one with the value {expected}, then check again.",
        TxtLookupOutcome.Failed => $"Not verified: looking up {record} failed ({found.Error}). Nothing was changed; check again in a moment.",
        _ => $"Not verified: the TXT record at {record} says {string.Join(" and ", found.Values.Take(5).Select(v => $"\"{Shortened(v)}\""))}, not {expected}.",
    };

    /// <summary>Whether another tenant owns the name: a yes or no, never which tenant.</summary>
    private static Task<bool> IsVerifiedElsewhereAsync(BackscatterDbContext db, ClaimsPrincipal user, string name)
    {
        var tenantId = TenantClaims.TenantIdOf(user);
        return db.IngestDomains.IgnoreQueryFilters([BackscatterDbContext.TenantFilter])
            .AnyAsync(d => d.Name == name && d.VerifiedAt != null && d.TenantId != tenantId);
    }

    /// <summary>
    /// A domain that changed hands must not wait for its old owner's goodwill: whoever runs its DNS can
    /// end their claim by taking their record away, through the daily re-check (docs/adr/0027).
    /// </summary>
    private SetupResult VerifiedElsewhere(string name, string then) =>
        SetupResult.Invalid($"{name} is verified by another organisation. If the domain is yours, ask them to remove it, or remove their TXT record at {IngestDomainVerification.RecordName(name)}: their claim lapses once it has not been proven for {Span(directMx.Value.SuspendAfter)} (looked up daily). {then}");

    private static string Span(TimeSpan span) => span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0
        ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"
        : $"{span.TotalHours:0.#} hours";

    private static async Task<SetupResult> SaveAsync(BackscatterDbContext db, string message, string name)
    {
        try
        {
            await db.SaveChangesAsync();
            return SetupResult.Changed(message);
        }
        catch (DbUpdateException)
        {
            // A unique index: the same name added by a colleague, or verified by another organisation, at the same moment.
            return SetupResult.Invalid($"Someone else changed {name} at the same moment; reload the page and try again.");
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Shortened(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
