namespace Backscatter.Domain.Mail;

/// <summary>
/// Rewrites CRLF and lone CR to LF, so a message gives the same result whatever system stored it
/// (the corpus has the same bounces with Unix, DOS and classic Mac line endings).
/// </summary>
public static class LineEndings
{
    /// <param name="raw">The message as stored.</param>
    /// <param name="result">Where the rewritten message goes: at least as long as <paramref name="raw"/>.</param>
    /// <returns>The length of the rewritten message.</returns>
    public static int ToLf(ReadOnlySpan<byte> raw, Span<byte> result)
    {
        // Line by line, each copied whole: a loop byte by byte was a visible share of classifying a message stored with CRLF.
        var length = 0;
        for (var cr = raw.IndexOf((byte)'\r'); cr >= 0; cr = raw.IndexOf((byte)'\r'))
        {
            raw[..cr].CopyTo(result[length..]);
            length += cr;
            result[length++] = (byte)'\n';
            raw = raw[(cr + 1 < raw.Length && raw[cr + 1] == '\n' ? cr + 2 : cr + 1)..];
        }

        raw.CopyTo(result[length..]);
        return length + raw.Length;
    }
}
