using System.Security.Cryptography;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// A tenant's BATV keys: several numbered keys, one of them active for signing. Rotation adds a
/// new key and makes it active while the previous ones keep verifying the bounces of mail they
/// signed (those tags live seven days).
/// </summary>
public sealed record BatvKeyRing(IReadOnlyList<BatvKey> Keys, int? ActiveNumber)
{
    /// <summary>Key numbers are one digit, so a ring holds at most ten keys.</summary>
    public const int Capacity = BatvKey.MaxNumber + 1;

    public static BatvKeyRing Empty { get; } = new([], null);

    public BatvKey? Active => Keys.FirstOrDefault(k => k.Number == ActiveNumber);

    /// <summary>A new random secret: 32 bytes as 64 hex digits, safe to paste into Exim and Postfix configuration.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Adds a key with a new secret under the next number after the active one (wrapping after 9,
    /// replacing whatever key had that number) and makes it active.
    /// </summary>
    public BatvKeyRing Rotate()
    {
        var number = ActiveNumber is { } active ? (active + 1) % Capacity : 0;
        var key = new BatvKey(number, NewSecret());
        return new BatvKeyRing([.. Keys.Where(k => k.Number != number), key], number);
    }

    /// <summary>Removes a key that no longer signs anything; the active key cannot be retired.</summary>
    public BatvKeyRing Retire(int number)
    {
        if (number == ActiveNumber)
        {
            throw new InvalidOperationException($"Key {number} is the active signing key; rotate to a new key before retiring it.");
        }

        return this with { Keys = [.. Keys.Where(k => k.Number != number)] };
    }
}
