using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backscatter.Domain.Alerts;

/// <summary>
/// The <c>X-Backscatter-Signature</c> header of a generic webhook: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where the hex is HMAC-SHA256, keyed with the channel's signing key (its UTF-8 bytes), over
/// <c>&lt;t&gt;.&lt;body&gt;</c>. Signing the time stops a captured request from being replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Backscatter-Signature";
    public const string KeyPrefix = "whsec_";

    /// <summary>A new signing key: 32 random bytes, URL-safe base64, with a prefix that says what it is.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string key, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(key, t, body))}";
    }

    /// <summary>What a receiver does: the header parses, the time is within the tolerance, and the MAC matches in constant time.</summary>
    public static bool Verify(string key, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(key);
        string? t = null;
        var candidates = new List<string>();
        foreach (var part in (header ?? "").Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair is ["t", var time])
            {
                t = time;
            }
            else if (pair is ["v1", var mac])
            {
                candidates.Add(mac);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Mac(key, t, body);
        foreach (var candidate in candidates)
        {
            if (candidate.Length == expected.Length * 2
                && candidate.All(Uri.IsHexDigit)
                && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(candidate), expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Mac(string key, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed);
    }
}
