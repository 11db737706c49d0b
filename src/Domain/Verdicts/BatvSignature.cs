using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// BATV signing and checking, compatible with Exim's <c>${prvs{address}{secret}{keynum}}</c> and
/// <c>prvscheck</c>: HMAC-SHA1 keyed with the secret over the key number, the three-digit expiry
/// day and the address, first three bytes in hex. Proven against vectors made by Exim itself.
/// </summary>
public static class BatvSignature
{
    /// <summary>Days a signature stays valid, as in Exim.</summary>
    public const int ValidDays = 7;

    public static BatvTag Sign(string address, BatvKey key, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Number is < 0 or > BatvKey.MaxNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Number, "BATV key numbers are single digits.");
        }

        var expiryDay = (DayNumber(today) + ValidDays) % 1000;
        return new BatvTag(key.Number, expiryDay, Hash(address, key, expiryDay), address);
    }

    public static BatvCheckResult Check(string? address, IReadOnlyCollection<BatvKey> keys, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!BatvTag.TryParse(address, out var tag))
        {
            return BatvCheckResult.Unsigned;
        }

        var key = keys.FirstOrDefault(k => k.Number == tag.KeyNumber);
        if (key is null)
        {
            return BatvCheckResult.UnknownKey;
        }

        var expected = Hash(tag.Address, key, tag.ExpiryDay);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(tag.Hash)))
        {
            return BatvCheckResult.Forged;
        }

        // The day wraps every 1000 days: a tag is current when its expiry lies 0..7 days ahead.
        var daysLeft = ((tag.ExpiryDay - (DayNumber(today) % 1000)) % 1000 + 1000) % 1000;
        return daysLeft <= ValidDays ? BatvCheckResult.Valid : BatvCheckResult.Expired;
    }

    private static int DayNumber(DateOnly day) => day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private static string Hash(string address, BatvKey key, int expiryDay)
    {
        var source = string.Create(CultureInfo.InvariantCulture, $"{key.Number}{expiryDay:D3}{address}");
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.UTF8.GetBytes(source));
        return Convert.ToHexStringLower(mac.AsSpan(0, 3));
    }
}
