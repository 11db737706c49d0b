using Backscatter.Domain.Listing;

namespace Backscatter.Web.Lookup;

/// <summary>How much of one kind of backscatter a reflector sent, over all networks, and when last.</summary>
public sealed record KindSeen(BackscatterKind Kind, long Messages, DateTimeOffset LastSeen);
