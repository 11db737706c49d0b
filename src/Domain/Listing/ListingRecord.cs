using System.Net;

namespace Backscatter.Domain.Listing;

/// <summary>
/// The persisted listing state of one reflector: what the feed publishes and the lookup page shows.
/// Written only when the policy is evaluated for the reflector, so the feed nodes read it instead of
/// re-evaluating every reflector.
/// </summary>
public sealed class ListingRecord
{
    public const int MaxReasonLength = 1000;

    public long Id { get; init; }

    public required IPAddress Ip { get; init; }

    public bool IsListed { get; set; }

    /// <summary>The A records while listed (127.0.0.N), ascending; empty when not listed.</summary>
    public int[] ReturnCodes { get; set; } = [];

    /// <summary>The start of the current (or last) listing.</summary>
    public DateTimeOffset? ListedSince { get; set; }

    /// <summary>When the current (or last) listing ends unless more backscatter arrives.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public int MessageCount { get; set; }

    public int TenantCount { get; set; }

    /// <summary>When an operator last delisted it; backscatter before then no longer counts.</summary>
    public DateTimeOffset? DelistedAt { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Takes the policy's latest decision: a listing starts, changes its codes, or ends; while listed the
    /// counts and the expiry follow the evidence.
    /// </summary>
    /// <returns>The change to record and announce, or null when the feed's answer stays the same.</returns>
    public ListingChange? Apply(ListingDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        int[] codes = [.. decision.ReturnCodes.Select(c => (int)c)];
        ListingChange? change = (IsListed, decision.IsListed) switch
        {
            (false, true) => ListingChange.Listed,
            (true, true) => codes.AsSpan().SequenceEqual(ReturnCodes) ? null : ListingChange.CodesChanged,
            (true, false) => decision.Status is ListingStatus.Allowlisted or ListingStatus.NotListable
                ? ListingChange.Allowlisted
                : ListingChange.Expired,
            (false, false) => null,
        };

        if (decision.IsListed)
        {
            IsListed = true;
            ReturnCodes = codes;
            ListedSince = decision.ListedSince;
            ExpiresAt = decision.ExpiresAt;
            LastSeen = decision.LastSeen;
            MessageCount = decision.MessageCount;
            TenantCount = decision.TenantCount;
            Reason = Limit(decision.Reason);
            UpdatedAt = now;
        }
        else if (change is not null)
        {
            // The counts of the listing that ended stay, so the history and the lookup page can show them.
            IsListed = false;
            ReturnCodes = [];
            ExpiresAt = decision.Status == ListingStatus.Expired ? decision.ExpiresAt : now;
            Reason = Limit(decision.Reason);
            UpdatedAt = now;
        }

        return change;
    }

    /// <summary>An operator takes the reflector out of the feed; the backscatter counted so far no longer counts.</summary>
    /// <returns>The change, or null when it was not listed.</returns>
    public ListingChange? Delist(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!IsListed)
        {
            return null;
        }

        IsListed = false;
        ReturnCodes = [];
        DelistedAt = now;
        ExpiresAt = now;
        Reason = Limit("Delisted: " + reason);
        UpdatedAt = now;
        return ListingChange.Delisted;
    }

    private static string Limit(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
}
