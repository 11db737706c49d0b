using System.Net;

namespace Backscatter.Domain.Listing;

/// <summary>Everything the listing policy looks at for one reflector.</summary>
/// <param name="DelistedAt">
/// When the reflector's admin last asked to be delisted; backscatter before then no longer counts,
/// so a fixed server stays off the list and one that continues is listed again.
/// </param>
public sealed record ReflectorEvidence(IPAddress Reflector, IReadOnlyList<BackscatterSighting> Sightings, DateTimeOffset? DelistedAt = null);
