using Backscatter.Domain.Listing;

namespace Backscatter.Web.Lookup;

/// <summary>One line of a reflector's public listing history.</summary>
public sealed record ListingEvent(ListingChange Change, DateTimeOffset At, int Messages, int Networks);
