namespace Backscatter.Domain.Verdicts;

/// <summary>
/// One of a tenant's BATV signing keys. The number (0-9) travels in every tag, so that keys can be
/// rotated while bounces of mail signed with the previous key still verify.
/// </summary>
public sealed record BatvKey(int Number, string Secret)
{
    public const int MaxNumber = 9;
}
