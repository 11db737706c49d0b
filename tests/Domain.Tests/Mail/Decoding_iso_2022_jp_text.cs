using System.Text;

using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Tests.Mail;

/// <summary>ISO-2022-JP read with its ASCII stretches copied directly gives what the code-pages encoding gives.</summary>
public sealed class Decoding_iso_2022_jp_text
{
    private static readonly Encoding Iso2022Jp = CodePagesEncodingProvider.Instance.GetEncoding("iso-2022-jp")!;

    public static TheoryData<string> Texts => new()
    {
        "This is the mail system at host mx.example.jp.\n",
        "\u001b$B$3$N%a!<%k$O(B\nI'm sorry to have to inform you\n\u001b$B$7$FG[?.(B <support@example.jp>\n",
        // An odd number of bytes: the closing escape's ESC is read as a trail byte.
        "\u001b$B$3$N%\u001b(B after\n",
        // Roman and Swedish sets read as ASCII; half-width katakana by escape and by shift.
        "\u001b$B$3$N\u001b(J yen \u001b(H x \u001b(I12\u001b(B end",
        "plain \u000e123\u000f plain",
        "\u001b$B$3\u000e12\u000f$N\u001b(B tail",
        // Broken and unknown escapes, one at the very end.
        "a \u001b$ b \u001b(Z c \u001b",
        "\u001b$@$3$N\u001b(Btail",
        "\u001b$B$3$N",
        "8-bit \u00b1\u00e9 bytes \u001b$B$3$N\u001b(B",
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Gives_what_the_encoding_gives(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);

        Assert.Equal(Decoded(bytes, Iso2022Jp.GetChars), Decoded(bytes, (b, c) => Iso2022JpText.GetChars(Iso2022Jp, b, c)));
    }

    [Fact]
    public void Gives_what_the_encoding_gives_for_random_escapes_shifts_and_pairs()
    {
        // Pieces that steer the decoder: escapes whole and cut, shifts, single and paired 7-bit bytes, 8-bit and control bytes.
        string[] pieces = ["\u001b$B", "\u001b$@", "\u001b(B", "\u001b(J", "\u001b(I", "\u001b", "\u000e", "\u000f", "$3", "%", "A b", "\n", "\u0000", "\u00a1", "\u0080"];
        var random = new Random(20261127);
        Assert.True(Iso2022JpText.Decodes(Iso2022Jp));
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            for (var count = random.Next(1, 12); count > 0; count--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var bytes = Encoding.Latin1.GetBytes(text.ToString());
            Assert.Equal(Decoded(bytes, Iso2022Jp.GetChars), Decoded(bytes, (b, c) => Iso2022JpText.GetChars(Iso2022Jp, b, c)));
        }
    }

    private delegate int Decoder(ReadOnlySpan<byte> bytes, Span<char> chars);

    private static string Decoded(byte[] bytes, Decoder decode)
    {
        var chars = new char[Iso2022Jp.GetMaxCharCount(bytes.Length)];
        return new string(chars, 0, decode(bytes, chars));
    }
}
