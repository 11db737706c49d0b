using System.Net;

namespace Backscatter.Domain.Reflectors;

/// <summary>
/// A mail server seen reflecting backscatter: what it calls itself and which software writes its
/// bounces (the lookup page tells its admin what to change in the words of that software).
/// </summary>
public sealed class ReflectorRecord
{
    public long Id { get; init; }

    public required IPAddress Ip { get; init; }

    public string? Host { get; set; }

    public string? ReportingMta { get; set; }

    public string? MtaSoftware { get; set; }

    public long BackscatterCount { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
