using System.Security.Cryptography;

namespace Backscatter.Domain.Tenancy;

/// <summary>
/// How a tenant proves it owns an ingest domain: a TXT record <c>_backscatter-verify.&lt;domain&gt;</c>
/// whose value is <c>backscatter-verify=&lt;token&gt;</c>, the token being the claim's own.
/// </summary>
public static class IngestDomainVerification
{
    public const string RecordLabel = "_backscatter-verify";

    public const string ValuePrefix = "backscatter-verify=";

    /// <summary>32 characters of a 32-letter alphabet: 160 random bits.</summary>
    public const int TokenLength = 32;

    /// <summary>The longest token this version or an earlier one stores.</summary>
    public const int MaxTokenLength = 64;

    // Lower-case letters and digits only: safe in URLs, DNS labels and TXT strings, and unchanged by case-folding resolvers.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewToken() => RandomNumberGenerator.GetString(Alphabet, TokenLength);

    public static string RecordName(string domain) => $"{RecordLabel}.{domain}";

    public static string RecordValue(string token) => ValuePrefix + token;

    /// <summary>Whether one of the TXT values found is exactly the one the claim asks for (surrounding blanks forgiven).</summary>
    public static bool Proves(IEnumerable<string> values, string token)
    {
        ArgumentNullException.ThrowIfNull(values);
        var expected = RecordValue(token);
        return values.Any(v => string.Equals(v.Trim(), expected, StringComparison.Ordinal));
    }
}
