using System.Net;

using Backscatter.Domain.Reflectors;

namespace Backscatter.Web.Lookup;

/// <summary>
/// What the public lookup page says about an address: its listing, the behaviour seen from it in totals
/// over all networks, and what to change. Nothing in it names or identifies a tenant.
/// </summary>
/// <param name="IsListable">False for private, loopback, link-local, documentation and reserved addresses, which are never listed.</param>
/// <param name="ListingMessages">Backscatter messages in the current (or last) listing.</param>
/// <param name="ListingNetworks">Distinct networks those messages reached.</param>
/// <param name="Host">The name the server gave itself in the bounces it sent.</param>
/// <param name="MtaSoftware">The software that wrote its bounces, as the classifier recognised it.</param>
public sealed record ReflectorLookupResult(
    IPAddress Ip,
    bool IsListable,
    bool IsListed,
    IReadOnlyList<int> ReturnCodes,
    DateTimeOffset? ListedSince,
    DateTimeOffset? ExpiresAt,
    int ListingMessages,
    int ListingNetworks,
    DateTimeOffset? LastSeen,
    string? Host,
    string? MtaSoftware,
    long TotalMessages,
    DateTimeOffset? FirstSeen,
    IReadOnlyList<KindSeen> Kinds,
    IReadOnlyList<ListingEvent> History,
    IReadOnlyList<Remedy> Remedies)
{
    public bool WasSeen => TotalMessages > 0 || Kinds.Count > 0 || History.Count > 0;
}
