using System.Net;
using System.Text.Json.Serialization;

namespace Backscatter.Domain.Contracts;

/// <summary>
/// A reflector's listing started, ended or changed its return codes. It carries the whole new state,
/// so that every feed node applies it to its snapshot without asking the database.
/// </summary>
/// <param name="Change">A <c>Backscatter.Domain.Listing.ListingChange</c> name: Listed, CodesChanged, Expired, Delisted, Allowlisted.</param>
/// <param name="ReturnCodes">The A records (127.0.0.N) while listed; empty when not listed.</param>
public sealed record ListingChanged(
    [property: JsonConverter(typeof(IPAddressJsonConverter))] IPAddress Ip,
    string Change,
    bool IsListed,
    IReadOnlyList<int> ReturnCodes,
    int MessageCount,
    int TenantCount,
    DateTimeOffset? LastSeen,
    DateTimeOffset? ListedSince,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset ChangedAt);
