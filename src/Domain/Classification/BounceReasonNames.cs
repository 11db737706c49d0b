using System.Collections.Frozen;

namespace Backscatter.Domain.Classification;

/// <summary>The wire names of <see cref="BounceReason"/>: lower case, as in the corpus labels and the JSON output.</summary>
public static class BounceReasonNames
{
    private static readonly FrozenDictionary<BounceReason, string> Names =
        Enum.GetValues<BounceReason>().ToFrozenDictionary(r => r, r => r.ToString().ToLowerInvariant());

    private static readonly FrozenDictionary<string, BounceReason> Reasons =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> All => Reasons.Keys;

    public static string ToName(this BounceReason reason) => Names[reason];

    public static bool TryParse(string name, out BounceReason reason) => Reasons.TryGetValue(name, out reason);

    /// <summary>A failure that will never succeed on retry: the address or the domain is gone.</summary>
    public static bool IsHardBounce(BounceReason reason, string? status) => reason switch
    {
        BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved => true,
        BounceReason.NotAccept => status is null || !status.StartsWith('4'),
        _ => false,
    };
}
