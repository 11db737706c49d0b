namespace Backscatter.Domain.Mail;

/// <summary>
/// Rewrites CRLF and lone CR to LF, so a message gives the same result whatever system stored it
/// (the corpus has the same bounces with Unix, DOS and classic Mac line endings).
/// </summary>
public static class LineEndings
{
    /// <returns>A buffer and the length of the rewritten message in it.</returns>
    public static (byte[] Buffer, int Length) ToLf(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\r') < 0)
        {
            return (raw.ToArray(), raw.Length);
        }

        var result = new byte[raw.Length];
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

        return (result, length);
    }
}
