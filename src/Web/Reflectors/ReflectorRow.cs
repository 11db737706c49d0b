using System.Net;

namespace Backscatter.Web.Reflectors;

/// <summary>
/// A server that reflected backscatter to the signed-in tenant: the tenant's own counts and times,
/// what the server calls itself, and whether the feed lists it (global, as the public lookup page shows it).
/// </summary>
public sealed record ReflectorRow
{
    public required IPAddress Ip { get; init; }

    public string? Host { get; init; }

    public string? MtaSoftware { get; init; }

    public int Bounces { get; init; }

    public int AutoReplies { get; init; }

    public int ChallengeResponses { get; init; }

    public int VirusNotices { get; init; }

    public int Total { get; init; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    public bool IsListed { get; init; }

    /// <summary>The feed's A records while listed (127.0.0.N); empty when not listed.</summary>
    public IReadOnlyList<int> ReturnCodes { get; init; } = [];

    public DateTimeOffset? ListedSince { get; init; }

    public DateTimeOffset? ListedUntil { get; init; }
}
