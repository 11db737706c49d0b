using Backscatter.Domain.Contracts;
using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tenancy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Setup;

/// <summary>
/// Looks up verified ingest domains' TXT records again (<c>DirectMx:RecheckAfter</c>, daily): domains
/// expire and change hands, and mail at a domain must not keep reaching a tenant that no longer owns
/// it. A record that proves ownership renews the confirmation; one that has not for
/// <c>DirectMx:SuspendAfter</c> (a week) suspends the domain: pending again, refused at RCPT, the
/// tenant's audit log says why, and "Check now" verifies it again; once committed, the suspension is
/// announced to the Ingest instances (<see cref="IngestDomainReleases"/>). A look-up that fails
/// (timeout, SERVFAIL) says nothing about ownership and changes nothing.
/// </summary>
public sealed partial class IngestDomainRechecks(
    IDbContextFactory<BackscatterDbContext> databases,
    IDomainTxtLookup dns,
    IOptions<DirectMxOptions> options,
    IngestDomainReleases releases,
    TimeProvider clock,
    ILogger<IngestDomainRechecks> logger) : BackgroundService
{
    private const int MaxPerPass = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (confirmed, suspended) = await RecheckDueAsync(stoppingToken);
                if (confirmed + suspended > 0)
                {
                    LogRechecked(confirmed, suspended);
                }
            }
#pragma warning disable CA1031 // The next pass tries again; nothing was changed for a domain whose look-up did not finish.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    /// <summary>One pass over the verified domains due a re-check, least recently confirmed first.</summary>
    /// <returns>How many were confirmed again and how many suspended.</returns>
    public async Task<(int Confirmed, int Suspended)> RecheckDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = now - options.Value.RecheckAfter;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var domains = await db.IngestDomains
            .Where(d => d.VerifiedAt != null && (d.ConfirmedAt == null || d.ConfirmedAt < due))
            .OrderBy(d => d.ConfirmedAt)
            .Take(MaxPerPass)
            .ToListAsync(cancellationToken);
        var confirmed = 0;
        var suspended = new List<IngestDomainReleased>();
        foreach (var domain in domains)
        {
            var record = IngestDomainVerification.RecordName(domain.Name);
            var found = await dns.LookupAsync(record, cancellationToken);
            if (found.Outcome == TxtLookupOutcome.Failed)
            {
                continue;
            }

            if (found.Proves(domain.VerificationToken))
            {
                domain.ConfirmedAt = now;
                confirmed++;
            }
            else if ((domain.ConfirmedAt ?? domain.VerifiedAt) < now - options.Value.SuspendAfter)
            {
                var since = domain.ConfirmedAt ?? domain.VerifiedAt!.Value;
                domain.VerifiedAt = null;
                domain.ConfirmedAt = null;
                db.AuditEntries.Add(new Actor(domain.TenantId, null, "Backscatter.Cloud").Did(
                    "setup.ingest-domain.suspended",
                    $"Suspended ingest domain {domain.Name}: its TXT record {record} has not proved ownership since {since.UtcDateTime:yyyy-MM-dd} UTC; mail to it is refused until it is checked again.",
                    now));
                suspended.Add(new(domain.Name, domain.TenantId, IngestDomainRelease.Suspended, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        // Only after the commit; a failure to announce leaves the suspension in place (logged).
        foreach (var released in suspended)
        {
            await releases.AnnounceAsync(released, cancellationToken);
        }

        return (confirmed, suspended.Count);
    }

    [LoggerMessage(LogLevel.Information, "Re-checked ingest domains: {Confirmed} confirmed by their TXT records, {Suspended} suspended")]
    private partial void LogRechecked(int confirmed, int suspended);

    [LoggerMessage(LogLevel.Warning, "Could not re-check ingest domains; trying again at the next pass")]
    private partial void LogFailed(Exception exception);
}
