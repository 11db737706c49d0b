namespace Backscatter.Domain.Verdicts;

/// <summary>
/// Host names as a tenant enters them: exact names (<c>mx1.example.com</c>) or a leading wildcard
/// for a whole subdomain (<c>*.outbound.example.com</c>). Matching ignores case and a trailing dot.
/// </summary>
public sealed class HostNameList
{
    private readonly string[] _exact;
    private readonly string[] _suffixes;

    public HostNameList(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var cleaned = patterns.Select(Normalize).Where(p => p.Length > 0).ToArray();
        _exact = [.. cleaned.Where(p => !p.StartsWith("*.", StringComparison.Ordinal))];
        _suffixes = [.. cleaned.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..])];
    }

    public static HostNameList Empty { get; } = new([]);

    public bool IsEmpty => _exact.Length == 0 && _suffixes.Length == 0;

    public bool Matches(string? hostName)
    {
        if (string.IsNullOrWhiteSpace(hostName))
        {
            return false;
        }

        var name = Normalize(hostName);
        return _exact.Contains(name, StringComparer.Ordinal)
            || _suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();
}
