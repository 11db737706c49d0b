using System.Security.Cryptography;
using System.Text;

namespace Backscatter.Domain.Tenancy;

/// <summary>The secret in an invitation link: 256 random bits, URL-safe; stored only as its SHA-256.</summary>
public static class InvitationToken
{
    /// <summary>Longer input is no token of ours; refusing it early keeps hashing cheap.</summary>
    public const int MaxLength = 64;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }
}
