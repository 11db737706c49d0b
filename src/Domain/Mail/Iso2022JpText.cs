using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Decodes ISO-2022-JP text as .NET's code-pages encoding does, but copies the ASCII stretches
/// between the Japanese ones itself: the encoding reads every byte through its escape-sequence
/// state machine, and Japanese bounces are mostly English (it was a visible share of classifying one).
/// </summary>
/// <remarks>
/// Only what the encoding itself would read in its initial state is split off: ASCII bytes outside
/// any escape, and a whole Japanese stretch (ESC $ B, byte pairs, ESC ( B) that returns to that state.
/// Anything else, from there to the end, is left to the encoding in one piece.
/// </remarks>
internal static class Iso2022JpText
{
    private const byte Escape = 0x1B;

    // What the encoding reads as itself in ASCII mode: 7-bit bytes but the escape and the shifts (SO, SI).
    private static readonly byte[] PlainBytes = [.. Enumerable.Range(0, 0x80).Where(b => b is not (Escape or 0x0E or 0x0F)).Select(b => (byte)b)];

    private static readonly SearchValues<byte> Plain = SearchValues.Create(PlainBytes);

    // Per code page whose decoder is this state machine (iso-2022-jp is 50220): whether it reads plain bytes as themselves.
    private static readonly ConcurrentDictionary<int, bool> PlainBytesKept = new();

    /// <summary>Whether <see cref="GetChars"/> applies to the encoding.</summary>
    public static bool Decodes(Encoding encoding) =>
        encoding.CodePage is 50220 or 50221 or 50222 && PlainBytesKept.GetOrAdd(encoding.CodePage, static (_, e) => ReadsPlainBytesAsThemselves(e), encoding);

    /// <summary>What <c>encoding.GetChars(bytes, chars)</c> returns, for an encoding <see cref="Decodes"/> accepts.</summary>
    public static int GetChars(Encoding encoding, ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        var written = 0;
        while (!bytes.IsEmpty)
        {
            var plain = bytes.IndexOfAnyExcept(Plain) is var end and >= 0 ? end : bytes.Length;
            written += Encoding.ASCII.GetChars(bytes[..plain], chars[written..]);
            bytes = bytes[plain..];
            if (bytes.IsEmpty)
            {
                break;
            }

            var japanese = JapaneseStretch(bytes);
            if (japanese == 0)
            {
                // Shifts, 8-bit bytes, other or broken escapes: the encoding reads the rest, from the state it would be in here.
                return written + encoding.GetChars(bytes, chars[written..]);
            }

            // Stretches a line break or a few plain bytes apart go to the encoding in one call: each call
            // has a setup and allocations of its own. The state between them is the initial one either way.
            while (bytes[japanese..].IndexOfAnyExcept(Plain) is var gap and >= 0 and <= 32
                && JapaneseStretch(bytes[(japanese + gap)..]) is var next and > 0)
            {
                japanese += gap + next;
            }

            written += encoding.GetChars(bytes[..japanese], chars[written..]);
            bytes = bytes[japanese..];
        }

        return written;
    }

    /// <summary>
    /// The length of "ESC $ B" (or "ESC $ @"), pairs of bytes 0x21 to 0x7E, and "ESC ( B" (or H or J)
    /// at the start of the bytes, 0 if they do not start so. The pairs keep the closing escape at a
    /// character's start, so the encoding reads it as an escape and ends in ASCII mode with no shift.
    /// </summary>
    private static int JapaneseStretch(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 6 || bytes[0] != Escape || bytes[1] != '$' || bytes[2] is not ((byte)'B' or (byte)'@'))
        {
            return 0;
        }

        var pairs = bytes[3..].IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (pairs < 0 || pairs % 2 != 0)
        {
            return 0;
        }

        var close = bytes[(3 + pairs)..];
        return close.Length >= 3 && close[0] == Escape && close[1] == '(' && close[2] is (byte)'B' or (byte)'H' or (byte)'J'
            ? 3 + pairs + 3
            : 0;
    }

    private static bool ReadsPlainBytesAsThemselves(Encoding encoding) =>
        encoding.GetString(PlainBytes) == Encoding.ASCII.GetString(PlainBytes);
}
