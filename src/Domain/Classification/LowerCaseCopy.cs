namespace Backscatter.Domain.Classification;

/// <summary>
/// The lower-case copy of the text last asked for on this thread: a recipient's context is lowered
/// once to find the failed command and again to find the reason, the same string both times.
/// </summary>
internal static class LowerCaseCopy
{
    [ThreadStatic]
    private static string? lastText;

    [ThreadStatic]
    private static string? lastLower;

    public static string Of(string text)
    {
        if (ReferenceEquals(text, lastText))
        {
            return lastLower!;
        }

        var lower = text.ToLowerInvariant();
        lastText = text;
        lastLower = lower;
        return lower;
    }
}
