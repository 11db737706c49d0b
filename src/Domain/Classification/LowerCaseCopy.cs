using System.Text;

namespace Backscatter.Domain.Classification;

/// <summary>
/// The lower-case copies of the two texts last asked for on this thread: a recipient's context and
/// diagnostic are each lowered once to find the failed command and again to find the reason.
/// </summary>
internal static class LowerCaseCopy
{
    [ThreadStatic]
    private static string? firstText;

    [ThreadStatic]
    private static string? firstLower;

    [ThreadStatic]
    private static string? secondText;

    [ThreadStatic]
    private static string? secondLower;

    public static string Of(string text)
    {
        if (ReferenceEquals(text, firstText))
        {
            return firstLower!;
        }

        if (ReferenceEquals(text, secondText))
        {
            return secondLower!;
        }

        var lower = Invariant(text);
        Remember(text, lower);
        return lower;
    }

    /// <summary>
    /// What <see cref="string.ToLowerInvariant()"/> returns, with the ASCII stretches lowered without ICU:
    /// from its first non-ASCII character on, .NET hands the whole rest of a text to ICU one character
    /// at a time (a Japanese line near the top of a bounce sent all the English after it there too).
    /// Lowering maps each code point on its own and an ASCII character never splits a surrogate pair,
    /// so the pieces lowered one by one give the same text.
    /// </summary>
    public static string Invariant(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            return text.ToLowerInvariant();
        }

        return string.Create(text.Length, text, static (lower, text) =>
        {
            var rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                var ascii = rest.IndexOfAnyExceptInRange((char)0, (char)0x7F) is var end and >= 0 ? end : rest.Length;
                Ascii.ToLower(rest[..ascii], lower, out _);
                lower = lower[ascii..];
                rest = rest[ascii..];

                var other = rest.IndexOfAnyInRange((char)0, (char)0x7F) is var stop and >= 0 ? stop : rest.Length;
                rest[..other].ToLowerInvariant(lower);
                lower = lower[other..];
                rest = rest[other..];
            }
        });
    }

    /// <summary>Records a lower-case copy made some other way (from pieces already lowered).</summary>
    public static void Remember(string text, string lower)
    {
        secondText = firstText;
        secondLower = firstLower;
        firstText = text;
        firstLower = lower;
    }
}
