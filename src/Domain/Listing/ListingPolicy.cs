using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;

namespace Backscatter.Domain.Listing;

/// <summary>
/// Decides whether a reflector is in the feed. A listing starts when the backscatter within one
/// sliding window reaches a threshold, and every further message while listed pushes the expiry out,
/// so a server that keeps reflecting stays listed and one that was fixed drops out by itself.
/// </summary>
public sealed class ListingPolicy
{
    private readonly ListingPolicyOptions _options;
    private readonly IpNetwork[] _allowlist;

    public ListingPolicy(ListingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinimumMessagesAcrossTenants < 1 || options.MinimumTenants < 1 || options.MinimumMessagesFromOneTenant < 1)
        {
            throw new ArgumentException("The listing thresholds must be at least 1.", nameof(options));
        }

        if (options.Window <= TimeSpan.Zero || options.ListingLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The listing window and lifetime must be positive.", nameof(options));
        }

        _options = options;
        _allowlist = [.. options.Allowlist.Select(IpNetwork.Parse)];
    }

    /// <summary>False for addresses that are never listed whatever the evidence: private, loopback, link-local, documentation, multicast, reserved.</summary>
    public static bool IsListable(IPAddress address) => SpecialPurposeAddresses.IsPublic(address);

    /// <summary>False for addresses that are never listed here: not listable, or in the operator's allowlist.</summary>
    public bool MayList(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var reflector = Normalize(address);
        if (!IsListable(reflector))
        {
            return false;
        }

        // A loop, not Array.Exists with a lambda: the feed asks for every listed row at each reload, and
        // the closure cost a hundred bytes a row.
        foreach (var network in _allowlist)
        {
            if (network.Contains(reflector))
            {
                return false;
            }
        }

        return true;
    }

    public ListingDecision Evaluate(ReflectorEvidence evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var reflector = Normalize(evidence.Reflector);
        if (!IsListable(reflector))
        {
            return NotListed(reflector, ListingStatus.NotListable,
                $"{reflector} is a private, loopback, link-local, documentation, multicast or reserved address and is never listed.");
        }

        foreach (var network in _allowlist)
        {
            if (network.Contains(reflector))
            {
                return NotListed(reflector, ListingStatus.Allowlisted, $"{reflector} is in the operator's allowlist ({network}) and is never listed.");
            }
        }

        // Backscatter after "now" is ignored so that a decision can be replayed for any moment.
        var sightings = evidence.Sightings
            .Where(s => s.Count > 0 && s.SeenAt <= now && (evidence.DelistedAt is not { } delisted || s.SeenAt > delisted))
            .OrderBy(s => s.SeenAt)
            .ToArray();
        if (sightings.Length == 0)
        {
            return NotListed(reflector, ListingStatus.NoEvidence, evidence.DelistedAt is { } at
                ? $"{reflector} was delisted on {Format(at)} and no backscatter has been seen from it since."
                : $"No backscatter has been seen from {reflector}.");
        }

        var window = new Dictionary<Guid, int>();
        var windowStart = 0;
        var listed = false;
        var episodeStart = -1;
        var episodeEnd = -1;
        DateTimeOffset listedSince = default;
        DateTimeOffset expiresAt = default;
        for (var i = 0; i < sightings.Length; i++)
        {
            var seen = sightings[i];
            window[seen.Tenant] = window.GetValueOrDefault(seen.Tenant) + seen.Count;
            while (sightings[windowStart].SeenAt < seen.SeenAt - _options.Window)
            {
                var old = sightings[windowStart++];
                var left = window[old.Tenant] - old.Count;
                if (left == 0)
                {
                    window.Remove(old.Tenant);
                }
                else
                {
                    window[old.Tenant] = left;
                }
            }

            if (listed && seen.SeenAt < expiresAt)
            {
                episodeEnd = i;
                expiresAt = seen.SeenAt + _options.ListingLifetime;
            }
            else if (MeetsThreshold(window))
            {
                listed = true;
                listedSince = seen.SeenAt;
                episodeStart = windowStart;
                episodeEnd = i;
                expiresAt = seen.SeenAt + _options.ListingLifetime;
            }
        }

        if (episodeStart < 0)
        {
            var recent = sightings.Where(s => s.SeenAt >= now - _options.Window).ToArray();
            var (recentMessages, recentTenants) = (recent.Sum(s => s.Count), recent.Select(s => s.Tenant).Distinct().Count());
            return new ListingDecision(reflector, ListingStatus.BelowThreshold, [], null, null, recentMessages, recentTenants, sightings[^1].SeenAt,
                $"{reflector} reflected {recentMessages} backscatter message(s) to {recentTenants} network(s) in the last {_options.Window.TotalDays:0.#} days; " +
                $"listing needs {_options.MinimumMessagesAcrossTenants} seen by {_options.MinimumTenants} networks or {_options.MinimumMessagesFromOneTenant} seen by one.");
        }

        var episode = sightings[episodeStart..(episodeEnd + 1)];
        var messages = episode.Sum(s => s.Count);
        var tenants = episode.Select(s => s.Tenant).Distinct().Count();
        var lastSeen = episode[^1].SeenAt;
        if (now >= expiresAt)
        {
            return new ListingDecision(reflector, ListingStatus.Expired, [], listedSince, expiresAt, messages, tenants, lastSeen,
                $"{reflector} was listed from {Format(listedSince)} and expired on {Format(expiresAt)}, {_options.ListingLifetime.TotalDays:0.#} days after its last backscatter.");
        }

        ReturnCode[] codes = [.. episode.Select(s => ToReturnCode(s.Kind)).Distinct().Order()];
        return new ListingDecision(reflector, ListingStatus.Listed, codes, listedSince, expiresAt, messages, tenants, lastSeen,
            $"{reflector} reflected {messages} backscatter message(s) to {tenants} network(s) since {Format(listedSince)}, last seen {Format(lastSeen)}; " +
            $"listed until {Format(expiresAt)} unless more arrives.");
    }

    public static ReturnCode ToReturnCode(BackscatterKind kind) => kind switch
    {
        BackscatterKind.Bounce => ReturnCode.Bounce,
        BackscatterKind.AutoReply => ReturnCode.AutoReply,
        BackscatterKind.ChallengeResponse => ReturnCode.ChallengeResponse,
        BackscatterKind.VirusNotice => ReturnCode.VirusNotice,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of backscatter."),
    };

    private bool MeetsThreshold(Dictionary<Guid, int> window)
    {
        var total = 0;
        foreach (var count in window.Values)
        {
            if (count >= _options.MinimumMessagesFromOneTenant)
            {
                return true;
            }

            total += count;
        }

        return window.Count >= _options.MinimumTenants && total >= _options.MinimumMessagesAcrossTenants;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static ListingDecision NotListed(IPAddress reflector, ListingStatus status, string reason) =>
        new(reflector, status, [], null, null, 0, 0, null, reason);

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
