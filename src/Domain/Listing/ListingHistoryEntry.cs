using System.Net;

namespace Backscatter.Domain.Listing;

/// <summary>One change of a reflector's listing, with its reason and the counts at the time; never updated.</summary>
public sealed class ListingHistoryEntry
{
    public const int MaxActorLength = 100;

    public long Id { get; init; }

    public required IPAddress Ip { get; init; }

    public ListingChange Change { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Reason { get; init; }

    /// <summary>Who made the change: "policy" for the listing policy, otherwise the operator who delisted.</summary>
    public required string Actor { get; init; }

    public int[] ReturnCodes { get; init; } = [];

    public int MessageCount { get; init; }

    public int TenantCount { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The actor of changes that the listing policy made by itself.</summary>
    public const string PolicyActor = "policy";

    /// <summary>The change as the listing has it now: its reason and counts at the time.</summary>
    public static ListingHistoryEntry Of(ListingRecord listing, ListingChange change, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return new ListingHistoryEntry
        {
            Ip = listing.Ip,
            Change = change,
            At = at,
            Reason = listing.Reason,
            Actor = actor.Length <= MaxActorLength ? actor : actor[..MaxActorLength],
            ReturnCodes = listing.ReturnCodes,
            MessageCount = listing.MessageCount,
            TenantCount = listing.TenantCount,
            LastSeen = listing.LastSeen,
            ExpiresAt = listing.ExpiresAt,
        };
    }
}
