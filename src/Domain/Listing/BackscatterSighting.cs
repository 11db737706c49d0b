namespace Backscatter.Domain.Listing;

/// <summary>
/// Backscatter from one reflector that reached one tenant: <paramref name="Count"/> messages of one kind,
/// the last of them at <paramref name="SeenAt"/> (a single message, or a bucket of them).
/// </summary>
/// <param name="Tenant">The tenant (network) that received it; only distinctness matters here.</param>
public sealed record BackscatterSighting(Guid Tenant, BackscatterKind Kind, DateTimeOffset SeenAt, int Count = 1);
