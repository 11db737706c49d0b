using System.Globalization;
using System.Security.Claims;

using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Setup;

/// <summary>
/// Reads and changes a tenant's setup: domains, host and sender lists, SPF authorisation and BATV
/// keys. Every change checks <see cref="PortalPolicies.ChangeSettings"/> itself (whatever the page
/// rendered), goes through the member's tenant-restricted context, and writes its audit entry in
/// the same SaveChanges. Secrets are encrypted before storage and returned once, never read back.
/// </summary>
public sealed class TenantSetup(
    TenantDatabase tenants,
    IAuthorizationService authorization,
    TenantSecretProtector secrets,
    TimeProvider clock)
{
    public async Task<SetupSnapshot> ReadAsync(ClaimsPrincipal user)
    {
        await using var db = tenants.Open(user);
        var domains = await db.TenantDomains.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DomainEntry(d.Id, d.Name, d.CreatedAt)).ToListAsync();
        var settings = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync() ?? new TenantMailSettings();
        var keys = await db.TenantBatvKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Number).ToListAsync();
        var now = clock.GetUtcNow();
        var lists = Enum.GetValues<MailSettingList>().ToDictionary(l => l, l => MailSettingEntries.Of(settings, l));
        return new SetupSnapshot(
            await CanChangeAsync(user),
            domains,
            lists,
            settings.AuthoriseFromSpf,
            [.. keys.Select(k => new BatvKeyEntry(
                k.Id, k.Number, k.IsActive, k.CreatedAt,
                BatvKeyLifetime.RetiredAt(k, keys), BatvKeyLifetime.RemovableFrom(k, keys), BatvKeyLifetime.IsRemovable(k, keys, now)))]);
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user) =>
        TenantClaims.TenantIdOf(user) != Guid.Empty
        && (await authorization.AuthorizeAsync(user, PortalPolicies.ChangeSettings)).Succeeded;

    public Task<SetupResult> AddEntryAsync(ClaimsPrincipal user, MailSettingList list, string? input) =>
        ChangeSettingsAsync(user, (db, settings) =>
        {
            var check = MailSettingEntries.CheckNew(list, input, MailSettingEntries.Of(settings, list).ToArray());
            if (!check.IsValid)
            {
                return Task.FromResult(SetupResult.Invalid(check.Error!));
            }

            MailSettingEntries.Replace(settings, list, [.. MailSettingEntries.Of(settings, list), check.Value!]);
            var summary = $"Added {SetupText.EntryNoun(list)} {check.Value}.";
            return SaveAsync(db, user, settings, $"setup.{SetupText.ActionNoun(list)}.added", summary);
        });

    public Task<SetupResult> RemoveEntryAsync(ClaimsPrincipal user, MailSettingList list, string entry) =>
        ChangeSettingsAsync(user, (db, settings) =>
        {
            var current = MailSettingEntries.Of(settings, list);
            var kept = current.Where(e => !string.Equals(e, entry, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (kept.Length == current.Count)
            {
                return Task.FromResult(SetupResult.NotFound);
            }

            MailSettingEntries.Replace(settings, list, kept);
            var removed = current.First(e => string.Equals(e, entry, StringComparison.OrdinalIgnoreCase));
            return SaveAsync(db, user, settings, $"setup.{SetupText.ActionNoun(list)}.removed", $"Removed {SetupText.EntryNoun(list)} {removed}.");
        });

    public Task<SetupResult> SetAuthoriseFromSpfAsync(ClaimsPrincipal user, bool authorise) =>
        ChangeSettingsAsync(user, (db, settings) =>
        {
            if (settings.AuthoriseFromSpf == authorise)
            {
                return Task.FromResult(SetupResult.Changed("Nothing to change."));
            }

            settings.AuthoriseFromSpf = authorise;
            return authorise
                ? SaveAsync(db, user, settings, "setup.spf.enabled", "Authorised the addresses in the domains' SPF records to send.")
                : SaveAsync(db, user, settings, "setup.spf.disabled", "Stopped authorising the addresses in the domains' SPF records.");
        });

    public async Task<SetupResult> AddDomainAsync(ClaimsPrincipal user, string? input)
    {
        if (!await CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        var check = MailSettingEntries.Domain(input);
        if (!check.IsValid)
        {
            return SetupResult.Invalid(check.Error!);
        }

        await using var db = tenants.Open(user);
        var names = await db.TenantDomains.Select(d => d.Name).ToListAsync();
        if (names.Contains(check.Value!, StringComparer.Ordinal))
        {
            return SetupResult.Invalid($"{check.Value} is already one of your domains.");
        }

        if (names.Count >= MailSettingEntries.MaxDomains)
        {
            return SetupResult.Invalid($"A tenant protects at most {MailSettingEntries.MaxDomains} domains; remove one first.");
        }

        var now = clock.GetUtcNow();
        db.TenantDomains.Add(new TenantDomain { TenantId = TenantClaims.TenantIdOf(user), Name = check.Value!, CreatedAt = now });
        db.AuditEntries.Add(Actor.Of(user).Did("setup.domain.added", $"Added domain {check.Value}.", now));
        return await SaveAsync(db, $"Added {check.Value}.");
    }

    public async Task<SetupResult> RemoveDomainAsync(ClaimsPrincipal user, Guid domainId)
    {
        if (!await CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        // The tenant filter makes another tenant's domain indistinguishable from none.
        var domain = await db.TenantDomains.FirstOrDefaultAsync(d => d.Id == domainId);
        if (domain is null)
        {
            return SetupResult.NotFound;
        }

        db.TenantDomains.Remove(domain);
        db.AuditEntries.Add(Actor.Of(user).Did("setup.domain.removed", $"Removed domain {domain.Name}.", clock.GetUtcNow()));
        return await SaveAsync(db, $"Removed {domain.Name}.");
    }

    /// <summary>
    /// Generates a new BATV key and makes it the signing key; the previous keys stay for checking.
    /// The result carries the secret: the only time it leaves the database unencrypted.
    /// </summary>
    public async Task<SetupResult> RotateBatvKeyAsync(ClaimsPrincipal user)
    {
        if (!await CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        var keys = await db.TenantBatvKeys.ToListAsync();
        var active = keys.FirstOrDefault(k => k.IsActive);
        // Only the numbers matter for choosing the next key; the stored secrets stay encrypted.
        var ring = new BatvKeyRing([.. keys.Select(k => new BatvKey(k.Number, ""))], active?.Number).Rotate();
        var issued = ring.Active!;
        var now = clock.GetUtcNow();
        var replaced = keys.FirstOrDefault(k => k.Number == issued.Number);
        if (replaced is not null && !BatvKeyLifetime.IsRemovable(replaced, keys, now))
        {
            var from = BatvKeyLifetime.RemovableFrom(replaced, keys)!.Value;
            return SetupResult.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"Key {replaced.Number}, which the next key would replace, still checks bounces until {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Rotate again after that."));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                // Two steps, because the database allows one active key per tenant at any moment.
                if (replaced is not null)
                {
                    db.TenantBatvKeys.Remove(replaced);
                }

                if (active is not null)
                {
                    active.IsActive = false;
                }

                await db.SaveChangesAsync();
                db.TenantBatvKeys.Add(new TenantBatvKey
                {
                    TenantId = TenantClaims.TenantIdOf(user),
                    Number = issued.Number,
                    ProtectedSecret = secrets.Protect(issued.Secret),
                    IsActive = true,
                    CreatedAt = now,
                });
                var summary = active is null
                    ? $"Generated BATV key {issued.Number}, the first signing key."
                    : $"Rotated the BATV signing key from {active.Number} to {issued.Number}{(replaced is null ? "" : $", replacing the retired key {replaced.Number}")}.";
                db.AuditEntries.Add(Actor.Of(user).Did(active is null ? "setup.batv.generated" : "setup.batv.rotated", summary, now));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
        }
        catch (DbUpdateException)
        {
            return SetupResult.Invalid("Someone else changed the BATV keys at the same moment; reload the page and try again.");
        }

        return new SetupResult(SetupOutcome.Changed, $"Key {issued.Number} now signs.", issued.Number, issued.Secret);
    }

    public async Task<SetupResult> RemoveBatvKeyAsync(ClaimsPrincipal user, Guid keyId)
    {
        if (!await CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        var keys = await db.TenantBatvKeys.ToListAsync();
        var key = keys.FirstOrDefault(k => k.Id == keyId);
        if (key is null)
        {
            return SetupResult.NotFound;
        }

        if (key.IsActive)
        {
            return SetupResult.Invalid($"Key {key.Number} signs your mail; rotate to a new key before removing it.");
        }

        var now = clock.GetUtcNow();
        if (!BatvKeyLifetime.IsRemovable(key, keys, now))
        {
            var from = BatvKeyLifetime.RemovableFrom(key, keys)!.Value;
            return SetupResult.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"Key {key.Number} still checks bounces of mail it signed until {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC."));
        }

        db.TenantBatvKeys.Remove(key);
        db.AuditEntries.Add(Actor.Of(user).Did("setup.batv.removed", $"Removed retired BATV key {key.Number}.", now));
        return await SaveAsync(db, $"Removed key {key.Number}.");
    }

    /// <summary>
    /// Runs a change of the tenant's settings row with the row locked: the lists are read, changed and
    /// written back whole, so two members adding entries at the same moment would otherwise each
    /// write their own list over the other's.
    /// </summary>
    private async Task<SetupResult> ChangeSettingsAsync(ClaimsPrincipal user, Func<BackscatterDbContext, TenantMailSettings, Task<SetupResult>> change)
    {
        if (!await CanChangeAsync(user))
        {
            return SetupResult.Denied;
        }

        await using var db = tenants.Open(user);
        var tenantId = TenantClaims.TenantIdOf(user);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            if (!await db.TenantMailSettings.AnyAsync())
            {
                // A row to lock first (empty settings are the defaults); two first changes at once create it once.
                db.TenantMailSettings.Add(new TenantMailSettings { TenantId = tenantId, UpdatedAt = clock.GetUtcNow() });
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateException)
                {
                    // The other change created it.
                }

                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tenant_mail_settings WHERE tenant_id = {tenantId} FOR UPDATE");
            var settings = await db.TenantMailSettings.SingleAsync();
            var result = await change(db, settings);
            if (result.Succeeded)
            {
                await transaction.CommitAsync();
            }

            return result;
        });
    }

    private async Task<SetupResult> SaveAsync(BackscatterDbContext db, ClaimsPrincipal user, TenantMailSettings settings, string action, string summary)
    {
        var now = clock.GetUtcNow();
        settings.UpdatedAt = now;
        db.AuditEntries.Add(Actor.Of(user).Did(action, summary, now));
        return await SaveAsync(db, summary);
    }

    private static async Task<SetupResult> SaveAsync(BackscatterDbContext db, string message)
    {
        try
        {
            await db.SaveChangesAsync();
            return SetupResult.Changed(message);
        }
        catch (DbUpdateException)
        {
            // A unique index (a domain or setting added at the same moment by someone else).
            return SetupResult.Invalid("Someone else changed this at the same moment; reload the page and try again.");
        }
    }
}
