using Backscatter.Domain.Classification;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>A text lowered in ASCII and non-ASCII pieces is what <see cref="string.ToLowerInvariant()"/> makes of it whole.</summary>
public sealed class Lowering_text
{
    public static TheoryData<string> Texts => new()
    {
        "Mail Delivery SYSTEM",
        "This is the MAIL system\n$B$3$N%a!<%k(B \u3053\u306e\u30e1\u30fc\u30eb SMTP 550 User UNKNOWN",
        // Cases that lower differently, or not at all: dotted I, Kelvin sign, Greek, full-width Latin, a pair, lone surrogates.
        "\u0130STANBUL \u212a \u03a3\u039f\u03a6\u0399\u0391 \uff21\uff22 \ud801\udc00 X \ud801 Y \udc00 Z",
        "\u00c9T\u00c9",
        "\u00e9",
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Gives_what_lowering_the_whole_text_gives(string text)
    {
        Assert.Equal(text.ToLowerInvariant(), LowerCaseCopy.Invariant(text));
    }
}
