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

        var lower = text.ToLowerInvariant();
        Remember(text, lower);
        return lower;
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
