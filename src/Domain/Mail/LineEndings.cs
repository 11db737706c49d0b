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
        if (raw.IndexOf((byte)'\r') < 0)
        {
            raw.CopyTo(result);
            return raw.Length;
        }

        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\r')
            {
                result[length++] = (byte)'\n';
                if (i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }

                continue;
            }

            result[length++] = b;
        }

        return length;
    }
}
