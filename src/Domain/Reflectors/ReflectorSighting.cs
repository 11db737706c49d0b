using System.Net;

using Backscatter.Domain.Listing;
using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Reflectors;

/// <summary>
/// Backscatter from one reflector to one tenant of one kind within one hour: the counts the
/// listing policy's sliding window reads, small enough to keep for months.
/// </summary>
public sealed class ReflectorSighting : ITenantOwned
{
    public long Id { get; init; }

    public required IPAddress Ip { get; init; }

    public Guid TenantId { get; init; }

    public BackscatterKind Kind { get; init; }

    /// <summary>The start of the hour.</summary>
    public DateTimeOffset Hour { get; init; }

    public int Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
