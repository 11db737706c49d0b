using Backscatter.Domain.Listing;

namespace Backscatter.Feed.Dns;

/// <summary>
/// What the feed says about one listed address, kept to 16 bytes so that a million listings stay small.
/// </summary>
/// <param name="CodeMask">Bit N set means an A record 127.0.0.N (N below 32).</param>
/// <param name="Messages">Backscatter messages counted; 0 when unknown (a zone file written elsewhere).</param>
/// <param name="Networks">Distinct tenants (networks) that received them.</param>
/// <param name="LastSeenDay">The day of the last message as <see cref="DateOnly.DayNumber"/>; 0 when unknown.</param>
public readonly record struct ListingFacts(uint CodeMask, int Messages, int Networks, int LastSeenDay)
{
    public bool HasCounts => Messages > 0 && LastSeenDay > 0;

    public static ListingFacts From(ListingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        uint mask = 0;
        foreach (var code in decision.ReturnCodes)
        {
            mask |= 1u << (byte)code;
        }

        var lastSeen = decision.LastSeen is { } seen ? DateOnly.FromDateTime(seen.UtcDateTime).DayNumber : 0;
        return new ListingFacts(mask, decision.MessageCount, decision.TenantCount, lastSeen);
    }

    /// <summary>The facts of a stored listing or a listing change: its return codes (127.0.0.N) and counts.</summary>
    public static ListingFacts From(ReadOnlySpan<int> returnCodes, int messages, int networks, DateTimeOffset? lastSeen)
    {
        uint mask = 0;
        foreach (var code in returnCodes)
        {
            mask |= code is > 0 and < 32 ? 1u << code : 0;
        }

        return new ListingFacts(mask, messages, networks, lastSeen is { } seen ? DateOnly.FromDateTime(seen.UtcDateTime).DayNumber : 0);
    }

    /// <summary>Combines two entries for the same address: every code of both, the larger counts, the later day.</summary>
    public ListingFacts Merge(ListingFacts other) => new(
        CodeMask | other.CodeMask,
        Math.Max(Messages, other.Messages),
        Math.Max(Networks, other.Networks),
        Math.Max(LastSeenDay, other.LastSeenDay));
}
