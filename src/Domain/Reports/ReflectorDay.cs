using System.Net;

using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Reports;

/// <summary>How much backscatter one reflector sent a tenant on one closed day (UTC), for the overview's top reflectors.</summary>
public sealed class ReflectorDay : ITenantOwned
{
    public long Id { get; init; }

    public Guid TenantId { get; init; }

    public DateOnly Day { get; init; }

    public required IPAddress Ip { get; init; }

    public string? Host { get; init; }

    public int Count { get; init; }

    public DateTimeOffset LastSeen { get; init; }
}
