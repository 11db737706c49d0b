using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// A BATV-signed envelope address in Exim's <c>prvs</c> format: <c>prvs=KDDDHHHHHH=local@domain</c> —
/// K the key number, DDD the expiry day (days since 1970-01-01, mod 1000), HHHHHH the first three
/// bytes of the HMAC in lower-case hex.
/// </summary>
public sealed record BatvTag(int KeyNumber, int ExpiryDay, string Hash, string Address)
{
    private const string Prefix = "prvs=";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{KeyNumber}{ExpiryDay:D3}{Hash}={Address}");

    /// <summary>Reads a prvs tag; false for any address that is not one (including malformed tags).</summary>
    public static bool TryParse(string? address, [NotNullWhen(true)] out BatvTag? tag)
    {
        tag = null;
        // prvs= + 10 tag characters + '=' + at least "a@b"
        if (address is null || address.Length < Prefix.Length + 11 + 3
            || !address.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || address[Prefix.Length + 10] != '=')
        {
            return false;
        }

        var body = address.AsSpan(Prefix.Length, 10);
        foreach (var c in body[..4])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (var c in body[4..])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        var original = address[(Prefix.Length + 11)..];
        if (!original.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        tag = new BatvTag(
            body[0] - '0',
            int.Parse(body[1..4], CultureInfo.InvariantCulture),
            body[4..].ToString().ToLowerInvariant(),
            original);
        return true;
    }
}
