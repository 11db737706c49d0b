using System.Net;

namespace Backscatter.Domain.Listing;

/// <summary>The policy's answer for one reflector at one moment, with the facts the feed publishes.</summary>
/// <param name="ReturnCodes">The A records while listed, in ascending order; empty otherwise.</param>
/// <param name="ListedSince">The start of the current (or last) listing.</param>
/// <param name="ExpiresAt">When the current (or last) listing ends unless more backscatter arrives.</param>
/// <param name="MessageCount">Backscatter messages in the current (or last) listing, or in the counted evidence when never listed.</param>
/// <param name="TenantCount">Distinct tenants (networks) those messages reached.</param>
/// <param name="Reason">A sentence a person can read.</param>
public sealed record ListingDecision(
    IPAddress Reflector,
    ListingStatus Status,
    IReadOnlyList<ReturnCode> ReturnCodes,
    DateTimeOffset? ListedSince,
    DateTimeOffset? ExpiresAt,
    int MessageCount,
    int TenantCount,
    DateTimeOffset? LastSeen,
    string Reason)
{
    public bool IsListed => Status == ListingStatus.Listed;
}
